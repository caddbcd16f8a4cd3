"""How to read a relative difference: the scale lesson 01 teaches.

``gradient_check(..., print_msg=True)`` prints :func:`describe_difference`,
so the student sees the number together with what it means.
"""

from .difference import GREAT_BELOW, LOOK_CLOSER_BELOW, WORRY_ABOVE
from .i18n import message, register_messages
from .validation import as_float_array

register_messages({
    "reading.great": {
        "en": "difference = {difference!r}: below {limit:.0e}, great: the gradient is right.",
        "tr": "difference = {difference!r}: {limit:.0e} altında, çok iyi: gradyan doğru.",
    },
    "reading.look_closer": {
        "en": "difference = {difference!r}: between {low:.0e} and {limit:.0e}, probably right; "
              "look closer (rounding error, a kink, float32?).",
        "tr": "difference = {difference!r}: {low:.0e} ile {limit:.0e} arasında, büyük olasılıkla "
              "doğru; yine de yakından bakın (yuvarlama hatası, kırılma noktası, float32?).",
    },
    "reading.suspicious": {
        "en": "difference = {difference!r}: above {low:.0e}, suspicious: part of the gradient "
              "is probably wrong.",
        "tr": "difference = {difference!r}: {low:.0e} üzerinde, şüpheli: gradyanın bir kısmı "
              "büyük olasılıkla yanlış.",
    },
    "reading.worry": {
        "en": "difference = {difference!r}: above {limit:.0e}, worry: there is a mistake in the "
              "backward propagation.",
        "tr": "difference = {difference!r}: {limit:.0e} üzerinde, endişelenin: geri yayılımda "
              "bir hata var.",
    },
})


def describe_difference(difference, language=None):
    """Return one sentence that reads a relative difference on the lesson's scale.

    Below GREAT_BELOW (1e-7) the gradient is right; up to LOOK_CLOSER_BELOW
    (1e-5) look closer; up to WORRY_ABOVE (1e-3) it is suspicious; above
    it there is a bug.

    Args:
        difference: a relative difference, a float in [0, 1].
        language: ``"en"``, ``"tr"`` or None for the language in force.

    Returns:
        str, with the difference printed in full (``repr``).
    """
    value = float(as_float_array(difference, "difference").reshape(-1)[0])
    if value < GREAT_BELOW:
        return message("reading.great", language, difference=value, limit=GREAT_BELOW)
    if value < LOOK_CLOSER_BELOW:
        return message("reading.look_closer", language, difference=value, low=GREAT_BELOW,
                       limit=LOOK_CLOSER_BELOW)
    if value <= WORRY_ABOVE:
        return message("reading.suspicious", language, difference=value, low=LOOK_CLOSER_BELOW)
    return message("reading.worry", language, difference=value, limit=WORRY_ABOVE)
