"""The verdict that lesson 02's ``gradient_check_n`` prints with ``print_msg=True``.

The notebook compares the difference with ``CHECK_THRESHOLD`` itself (the
student sees the rule); the two sentences live here so that they exist
in English and Turkish.
"""

from .i18n import register_messages

register_messages({
    "check_n.mistake": {
        "en": "There is a mistake in the backward propagation! "
              "difference = {difference} (above the threshold {threshold})",
        "tr": "Geri yayılımda bir hata var! "
              "Bağıl fark (difference) = {difference}; eşik değerinin ({threshold}) üzerinde",
    },
    "check_n.fine": {
        "en": "Your backward propagation works fine! "
              "difference = {difference} (below the threshold {threshold})",
        "tr": "Geri yayılımınız doğru çalışıyor! "
              "Bağıl fark (difference) = {difference}; eşik değerinin ({threshold}) altında",
    },
})
