"""Helpers given to the students of the gradient-checking lessons.

``from gc_utils import sigmoid, relu, dictionary_to_vector,
vector_to_dictionary, gradients_to_vector`` works as in the original
assignment; the rest (relative difference, per-parameter diagnosis,
messages in English and Turkish) is what the lessons add.
"""

from . import backprop_verdict  # noqa: F401  (registers lesson 02's verdict messages)
from .activations import relu, sigmoid
from .diagnosis import BlockResult, EntryResult, GradientDiagnosis, diagnose_gradients
from .difference import (
    BLOCK_THRESHOLD,
    CHECK_THRESHOLD,
    GREAT_BELOW,
    LOOK_CLOSER_BELOW,
    WORRY_ABOVE,
    relative_difference,
)
from .fast_checks import (
    TOLERANCE_FACTOR,
    CheckResult,
    FunctionObjective,
    complex_step_check,
    crossed_units,
    epsilon_sweep,
    loop_check,
    random_direction_check,
    sampled_check,
    suggested_epsilon,
    suggested_threshold,
    unit_roundoff,
    vectorized_check,
)
from .fraud_net import forward_propagation_n
from .i18n import get_language, message, register_messages, set_language
from .network import NetworkObjective, initialize_parameters, layer_shapes
from .reading import describe_difference
from .rolling import (
    COURSE_SHAPES,
    dictionary_to_vector,
    gradients_to_vector,
    parameter_keys,
    parameter_shapes,
    vector_to_dictionary,
)
from .source import SourceCode, show_source
from .validation import (
    GradientCheckInputError,
    GradientCheckTypeError,
    as_float_array,
    check_epsilon,
)

__all__ = [
    "BLOCK_THRESHOLD",
    "BlockResult",
    "CHECK_THRESHOLD",
    "COURSE_SHAPES",
    "CheckResult",
    "EntryResult",
    "FunctionObjective",
    "GREAT_BELOW",
    "GradientCheckInputError",
    "GradientCheckTypeError",
    "GradientDiagnosis",
    "LOOK_CLOSER_BELOW",
    "NetworkObjective",
    "SourceCode",
    "TOLERANCE_FACTOR",
    "WORRY_ABOVE",
    "as_float_array",
    "check_epsilon",
    "complex_step_check",
    "crossed_units",
    "describe_difference",
    "diagnose_gradients",
    "dictionary_to_vector",
    "epsilon_sweep",
    "forward_propagation_n",
    "get_language",
    "gradients_to_vector",
    "initialize_parameters",
    "layer_shapes",
    "loop_check",
    "message",
    "parameter_keys",
    "parameter_shapes",
    "random_direction_check",
    "register_messages",
    "relative_difference",
    "relu",
    "sampled_check",
    "set_language",
    "show_source",
    "sigmoid",
    "suggested_epsilon",
    "suggested_threshold",
    "unit_roundoff",
    "vector_to_dictionary",
    "vectorized_check",
]
