"""The checks students run after each graded function of lesson 03 (checking in practice).

Each ``*_test`` runs the student's function on several inputs (the
lesson's and seeded random ones), prints "All visible tests passed." or
raises ``AssertionError`` saying what was wrong (in the chosen language).
Each ``check_*`` does the same work silently and returns the
:class:`~gc_feedback.report.CheckResult`, for hidden tests and the grader
(which may pass its own ``seed``). A wrong result is replayed against
the usual mistakes on the same inputs; the one that explains every
wrong value, and would have left every right one right, is named in the
hint. Where none does, no mistake is named.
"""

import functools
from dataclasses import dataclass

import numpy as np

from gc_checking.fast_checks import TOLERANCE_FACTOR, loop_check, vectorized_check
from gc_checking.network import NetworkObjective
from gc_utils import COURSE_EPSILON, register_messages, unit_roundoff, vector_to_dictionary
from testCases import CHECK_SEED, gradient_check_n_test_case, kink_case, random_objective

from .hints import hints
from .report import (
    Problem,
    Text,
    describe,
    number,
    report,
    scalar_problem,
)
from .runner import ScalarCase, _wrong_number, run_answer_check

register_messages({
    "hint.eps_square_root": {
        "en": "Your ε is a square root: that is the best step of the one-sided difference, "
              "whose truncation error is O(ε). The centered difference's truncation error is "
              "O(ε²), so balancing it with u|J|/ε gives a cube root: (3u|J|/M)^(1/3).",
        "tr": "Bulduğunuz ε bir karekök: bu, kesme hatası O(ε) olan ileri farkın (tek yönlü "
              "fark) en iyi adımıdır. Merkezi farkın kesme hatası O(ε²) olduğundan onu u|J|/ε "
              "ile dengelemek bir küpkök verir: (3u|J|/M)^(1/3).",
    },
    "hint.eps_no_three": {
        "en": "Your ε is (u|J|/M)^(1/3): the factor 3 is missing. Setting the derivative of "
              "ε²M/6 + u|J|/ε to zero gives εM/3 = u|J|/ε², so ε³ = 3u|J|/M.",
        "tr": "Bulduğunuz ε, (u|J|/M)^(1/3): 3 çarpanı eksik. ε²M/6 + u|J|/ε ifadesinin "
              "türevini sıfıra eşitlemek εM/3 = u|J|/ε² verir, yani ε³ = 3u|J|/M.",
    },
    "hint.eps_inverted": {
        "en": "Your ε is the reciprocal of the answer: the ratio is upside down. More rounding "
              "(larger u|J|) must give a LARGER ε: ε³ = 3u|J|/M.",
        "tr": "Bulduğunuz ε, doğru cevabın tersi: oran ters çevrilmiş. Daha fazla yuvarlama "
              "(daha büyük u|J|) DAHA BÜYÜK bir ε gerektirir: ε³ = 3u|J|/M.",
    },
    "hint.eps_no_root": {
        "en": "You returned ε³ = 3u|J|/M itself: the step is its cube root (the power 1/3).",
        "tr": "ε³ = 3u|J|/M değerinin kendisini döndürdünüz: adım, bunun küpköküdür "
              "(1/3 kuvveti).",
    },
    "hint.eps_u_only": {
        "en": "Your ε depends on u alone. u^(1/3) is the rule of thumb for J and M near 1; "
              "the exercise asks for the full formula with |J| and M.",
        "tr": "Bulduğunuz ε yalnızca u'ya bağlı. u^(1/3), J ve M 1 civarındayken geçerli bir "
              "pratik kuraldır; alıştırma |J| ve M'yi de içeren tam formülü istiyor.",
    },
    "hint.dtype_machine_eps": {
        "en": "You used machine epsilon (`np.finfo(dtype).eps`) as u. The unit roundoff is "
              "half of it.",
        "tr": "u olarak makine epsilonunu (`np.finfo(dtype).eps`) kullandınız. Birim yuvarlama "
              "bunun yarısıdır.",
    },
    "hint.dtype_swapped": {
        "en": "Your two numbers are in the wrong order: return `(epsilon, threshold)`.",
        "tr": "İki sayının sırası yanlış: `(epsilon, threshold)` döndürün.",
    },
    "hint.dtype_fixed": {
        "en": "You returned the course's float64 settings whatever the dtype. Compute them "
              "from the dtype's unit roundoff, so that float32 gets its own.",
        "tr": "dtype ne olursa olsun dersin float64 ayarlarını döndürdünüz. Onları dtype'a göre "
              "birim yuvarlamadan (unit roundoff) hesaplayın; böylece float32 kendi "
              "ayarlarını alır.",
    },
    "hint.dtype_no_factor": {
        "en": "Your threshold is u^(2/3) without the safety factor: multiply it by "
              "`TOLERANCE_FACTOR` (300), or correct gradients fail on rounding noise.",
        "tr": "Eşik değeriniz güvenlik çarpanı olmadan u^(2/3): `TOLERANCE_FACTOR` (300) ile "
              "çarpın, yoksa doğru gradyanlar yuvarlama gürültüsü yüzünden başarısız olur.",
    },
    "hint.kink_one_sided": {
        "en": "Your answers match comparing θ + εeᵢ with θ itself. A kink can also lie "
              "between θ − εeᵢ and θ: compare the pattern at θ + εeᵢ with the one at θ − εeᵢ.",
        "tr": "Cevaplarınız, θ + εeᵢ noktasını θ'nın kendisiyle karşılaştırınca bulunan "
              "cevaplarla aynı. Kırılma noktası θ − εeᵢ ile θ arasında da olabilir: θ + εeᵢ "
              "noktasındaki deseni θ − εeᵢ noktasındakiyle karşılaştırın.",
    },
    "hint.kink_one_sided_minus": {
        "en": "Your answers match comparing θ − εeᵢ with θ itself. A kink can also lie "
              "between θ and θ + εeᵢ: compare the pattern at θ + εeᵢ with the one at θ − εeᵢ.",
        "tr": "Cevaplarınız, θ − εeᵢ noktasını θ'nın kendisiyle karşılaştırınca bulunan "
              "cevaplarla aynı. Kırılma noktası θ ile θ + εeᵢ arasında da olabilir: θ + εeᵢ "
              "noktasındaki deseni θ − εeᵢ noktasındakiyle karşılaştırın.",
    },
    "hint.kink_inverted": {
        "en": "Your answers are the opposite of the right ones: a kink is crossed when the "
              "two patterns DIFFER somewhere.",
        "tr": "Cevaplarınız doğru cevapların tersi: iki desen bir yerde FARKLI olduğunda "
              "kırılma noktası geçilmiştir.",
    },
    "hint.kink_not_bool": {
        "en": "Return one True or False for coordinate i (does any unit change state?), not "
              "the array of unit states.",
        "tr": "i koordinatı için birimlerin durum dizisini değil, tek bir True ya da False "
              "döndürün (durumu değişen bir birim var mı?).",
    },
    "hint.dropout_fresh": {
        "en": "Your difference matches masks that change at every forward pass "
              "(`masks='fresh'`): J(θ+ε) and J(θ−ε) then drop different units. Fix the mask: "
              "`masks='fixed'` with the given `seed`.",
        "tr": "Bağıl farkınız, her ileri yayılımda değişen maskelerle (`masks='fresh'`) "
              "bulunanla aynı: o zaman J(θ+ε) ve J(θ−ε) farklı birimleri kapatır. Maskeyi "
              "sabitleyin: verilen `seed` ile `masks='fixed'`.",
    },
    "hint.dropout_off": {
        "en": "Your difference is that of the network without dropout: pass `keep_prob` to "
              "NetworkObjective, so the check covers the dropout you train with.",
        "tr": "Bağıl farkınız dropout olmayan ağınki: `keep_prob` değerini NetworkObjective'e "
              "verin ki kontrol, eğitimde kullandığınız dropout'u da kapsasın.",
    },
    "hint.dropout_seed": {
        "en": "Your difference comes from other masks than the ones `seed` fixes, as if the "
              "seed were left out or written into your code: pass `seed` on to "
              "NetworkObjective.",
        "tr": "Bağıl farkınız, `seed` değerinin sabitlediğinden farklı maskelerle bulunmuş; "
              "sanki tohum değeri unutulmuş ya da kodunuza sabit olarak yazılmış: `seed` "
              "değerini NetworkObjective'e iletin.",
    },
    "hint.dropout_epsilon": {
        "en": "Your difference does not follow `epsilon`: pass it on to the check.",
        "tr": "Bağıl farkınız `epsilon` ile değişmiyor: onu kontrole iletin.",
    },
    "hint.direction_precedence": {
        "en": "Your result matches `(J_plus - J_minus) / 2 * epsilon`, which multiplies by ε. "
              "Put the denominator in parentheses.",
        "tr": "Sonucunuz `(J_plus - J_minus) / 2 * epsilon` ile bulunanla aynı; bu ifade ε ile "
              "çarpar. Paydayı paranteze alın.",
    },
    "hint.direction_one_sided": {
        "en": "Your result matches a one-sided difference along u. Use both sides: "
              "(J(θ + εu) − J(θ − εu)) / (2ε).",
        "tr": "Sonucunuz u yönünde tek yönlü bir farkla bulunanla aynı. İki yönü de kullanın: "
              "(J(θ + εu) − J(θ − εu)) / (2ε).",
    },
    "hint.direction_no_epsilon": {
        "en": "You moved θ by u instead of by εu: look at the two points where you evaluate "
              "the cost.",
        "tr": "θ'yı εu yerine u kadar kaydırdınız: maliyeti hesapladığınız iki noktaya bakın.",
    },
    "hint.direction_signed": {
        "en": "Your difference is negative: take absolute values, "
              "|a − b| / (|a| + |b|).",
        "tr": "Bağıl farkınız negatif: mutlak değer alın, |a − b| / (|a| + |b|).",
    },
    "hint.complex_real_part": {
        "en": "You took the real part of f(x + ih), which is about f(x). The derivative sits "
              "in the imaginary part.",
        "tr": "f(x + ih) değerinin gerçel kısmını aldınız; bu yaklaşık f(x) olur. Türev sanal "
              "kısımdadır.",
    },
    "hint.complex_no_divide": {
        "en": "You returned Im f(x + ih) itself, which is h·f′(x); divide it by h.",
        "tr": "Im f(x + ih) değerinin kendisini, yani h·f′(x) değerini döndürdünüz; h'ye bölün.",
    },
    "hint.complex_finite_difference": {
        "en": "Your result matches a real finite difference with step h, which cancels to 0 "
              "for h = 1e-20. Step into the complex plane: evaluate f at x + ih.",
        "tr": "Sonucunuz h adımlı gerçel bir sonlu farkla bulunanla aynı; h = 1e-20 için bu "
              "fark 0'a düşer. Karmaşık düzleme adım atın: f'yi x + ih noktasında hesaplayın.",
    },
    "hint.eps_precedence": {
        "en": "Your ε is 3u|J|/M divided by 3: `** 1 / 3` raises to the power 1 and then "
              "divides by 3. Put the exponent in parentheses.",
        "tr": "Bulduğunuz ε, 3u|J|/M değerinin 3'e bölümü: `** 1 / 3` önce 1. kuvveti alır, "
              "sonra 3'e böler. Üssü paranteze alın.",
    },
    "hint.eps_wrong_constant": {
        "en": "Your ε has the right form but the wrong constant under the root. Setting the "
              "derivative of ε²M/6 + u|J|/ε to zero gives εM/3 = u|J|/ε²: the constant is 3, "
              "and it multiplies u|J|.",
        "tr": "Bulduğunuz ε doğru biçimde, ama kökün içindeki sabit yanlış. ε²M/6 + u|J|/ε "
              "ifadesinin türevini sıfıra eşitlemek εM/3 = u|J|/ε² verir: sabit 3'tür ve u|J| "
              "ile çarpılır.",
    },
    "hint.eps_times_m": {
        "en": "Your ε grows with M. A larger third derivative means more truncation error and "
              "calls for a SMALLER step: divide by M.",
        "tr": "Bulduğunuz ε, M ile büyüyor. Daha büyük bir üçüncü türev daha fazla kesme hatası "
              "demektir ve DAHA KÜÇÜK bir adım gerektirir: M'ye bölün.",
    },
    "hint.eps_no_j": {
        "en": "Your ε does not change with J. The rounding error of J(θ ± ε) is about u|J|, "
              "so |J| belongs in the numerator, next to u.",
        "tr": "Bulduğunuz ε, J ile değişmiyor. J(θ ± ε) değerinin yuvarlama hatası yaklaşık "
              "u|J| olduğundan |J|, u'nun yanında, kesrin payında yer alır.",
    },
    "hint.eps_no_m": {
        "en": "Your ε does not change with M. The truncation error ε²M/6 grows with the bound "
              "M, so the step must shrink with it: divide by M.",
        "tr": "Bulduğunuz ε, M ile değişmiyor. Kesme hatası ε²M/6, M sınırıyla büyür; bu yüzden "
              "adım onunla küçülmeli: M'ye bölün.",
    },
    "hint.eps_no_u": {
        "en": "Your ε does not change with u. The unit roundoff sets the rounding error u|J|/ε, "
              "so u belongs in the numerator, next to |J|.",
        "tr": "Bulduğunuz ε, u ile değişmiyor. Yuvarlama hatasını (u|J|/ε) birim yuvarlama "
              "belirler; bu yüzden u, |J|'nin yanında, kesrin payında yer alır.",
    },
    "hint.eps_two_thirds": {
        "en": "You raised to the power 2/3: that is the size of the smallest error, not the "
              "step. The step is a cube root, the power 1/3.",
        "tr": "2/3 kuvvetini aldınız: bu, adımın değil en küçük hatanın büyüklüğüdür. Adım bir "
              "küpköktür, yani 1/3 kuvveti.",
    },
    "hint.eps_fixed_u": {
        "en": "Your ε does not change with the `u` you are given, as if float64's unit "
              "roundoff were written into your code: use the `u` argument.",
        "tr": "Bulduğunuz ε, verilen `u` ile değişmiyor; sanki float64'ün birim yuvarlaması "
              "kodunuza sabit olarak yazılmış. `u` argümanını kullanın.",
    },
    "hint.dtype_name_ignored": {
        "en": "For the name \"float32\" you returned float64's settings. A dtype given by its "
              "name must give the same as `np.float32`: look at how you choose u "
              "(`np.finfo` accepts all three forms).",
        "tr": "\"float32\" adı için float64'ün ayarlarını döndürdünüz. Adıyla verilen bir dtype, "
              "`np.float32` ile aynı sonucu vermeli: u'yu nasıl seçtiğinize bakın (`np.finfo` üç "
              "biçimi de kabul eder).",
    },
    "hint.dtype_ignored": {
        "en": "For float32 you returned float64's settings: compute u from the `dtype` "
              "argument, not from a fixed type.",
        "tr": "float32 için float64'ün ayarlarını döndürdünüz: u'yu sabit bir türden değil, "
              "`dtype` argümanından hesaplayın.",
    },
    "hint.dtype_precedence": {
        "en": "`u ** 1 / 3` (or `u ** 2 / 3`) raises u to a power and then divides by 3. Put "
              "the exponent in parentheses.",
        "tr": "`u ** 1 / 3` (ya da `u ** 2 / 3`) önce u'nun kuvvetini alır, sonra 3'e böler. "
              "Üssü paranteze alın.",
    },
    "hint.dtype_threshold_power": {
        "en": "Your threshold is `TOLERANCE_FACTOR` times u^(1/3) or u, not times u^(2/3): "
              "u^(2/3) is the size of the error at the best step, the square of epsilon.",
        "tr": "Eşik değeriniz `TOLERANCE_FACTOR` ile u^(2/3) değerinin değil, u^(1/3) ya da u "
              "değerinin çarpımı: u^(2/3), en iyi adımdaki hatanın büyüklüğüdür, yani "
              "epsilon'un karesi.",
    },
    "hint.kink_all": {
        "en": "Your answer is True only when EVERY unit switches (`np.all`). One unit that "
              "changes state is enough: look at how you combine the comparison.",
        "tr": "Cevabınız yalnızca BÜTÜN birimlerin durumu değiştiğinde True oluyor (`np.all`). "
              "Durumu değişen tek bir birim yeter: karşılaştırmayı nasıl birleştirdiğinize bakın.",
    },
    "hint.kink_any_equal": {
        "en": "Your answer is True whenever some unit keeps its state (`==`). A kink is crossed "
              "when some unit CHANGES state between θ + εeᵢ and θ − εeᵢ.",
        "tr": "Cevabınız, bir birim durumunu koruduğunda (`==`) True oluyor. Kırılma noktası, "
              "θ + εeᵢ ile θ − εeᵢ arasında bir birimin durumu DEĞİŞTİĞİNDE geçilir.",
    },
    "hint.kink_same_point": {
        "en": "Your function finds no crossing even where θ ± εeᵢ switches units: the two "
              "patterns you compare come from the same point. Build θ + εeᵢ and θ − εeᵢ on two "
              "separate copies of `theta`.",
        "tr": "Fonksiyonunuz, θ ± εeᵢ birimlerin durumunu değiştirdiğinde bile geçiş bulmuyor: "
              "karşılaştırdığınız iki desen aynı noktadan geliyor. θ + εeᵢ ve θ − εeᵢ "
              "vektörlerini `theta`'nın iki ayrı kopyası üzerinde kurun.",
    },
    "hint.kink_all_coordinates": {
        "en": "Your answers match moving EVERY coordinate of θ by ε at once. Move only "
              "coordinate `i`.",
        "tr": "Cevaplarınız, θ'nın BÜTÜN koordinatlarını aynı anda ε kadar kaydırınca bulunan "
              "cevaplarla aynı. Yalnızca `i`. koordinatı kaydırın.",
    },
    "hint.dropout_keep_prob": {
        "en": "Your difference matches dropout with 1 − keep_prob: `keep_prob` is the "
              "probability of KEEPING a unit; pass it on as it is.",
        "tr": "Bağıl farkınız, 1 − keep_prob ile yapılan dropout'unkiyle aynı: `keep_prob` bir "
              "birimi KORUMA olasılığıdır; olduğu gibi iletin.",
    },
    "hint.dropout_report": {
        "en": "`loop_check` and `vectorized_check` return a report; the number to return is "
              "its `.difference`.",
        "tr": "`loop_check` ve `vectorized_check` bir rapor döndürür; döndürmeniz gereken sayı "
              "onun `.difference` değeridir.",
    },
    "hint.direction_grad_norm": {
        "en": "Your b is the length ‖g‖₂ of the gradient. The analytic directional derivative "
              "is gᵀu, the gradient's component along u.",
        "tr": "Bulduğunuz b değeri, gradyanın uzunluğu ‖g‖₂. Analitik yönlü türev ise gᵀu, yani "
              "gradyanın u yönündeki bileşenidir.",
    },
    "hint.direction_no_u": {
        "en": "Your b is the sum of the gradient's entries. The analytic directional derivative "
              "gᵀu weights every entry by the matching entry of u.",
        "tr": "Bulduğunuz b değeri, gradyanın elemanlarının toplamı. Analitik yönlü türev "
              "gᵀu ise her elemanı u'nun karşılık gelen elemanıyla ağırlıklandırır.",
    },
    "hint.direction_epsilon_ignored": {
        "en": "Your result does not change with `epsilon`, as if the step were written into "
              "your code: use the `epsilon` argument.",
        "tr": "Sonucunuz `epsilon` ile değişmiyor; sanki adım kodunuza sabit olarak yazılmış. "
              "`epsilon` argümanını kullanın.",
    },
    "hint.direction_partial_denominator": {
        "en": "Your denominator holds only one of |a| and |b|; the relative difference divides "
              "by their sum, |a| + |b|.",
        "tr": "Paydanızda |a| ile |b| değerlerinden yalnızca biri var; bağıl fark, ikisinin "
              "toplamına (|a| + |b|) bölünür.",
    },
    "hint.direction_no_denominator": {
        "en": "Your result is |a − b| alone. Divide it by |a| + |b| to get the relative "
              "difference.",
        "tr": "Sonucunuz yalnızca |a − b|. Bağıl farkı bulmak için bunu |a| + |b| değerine "
              "bölün.",
    },
    "hint.direction_parentheses": {
        "en": "Your result matches |a − b| / |a| + |b|: without parentheses only one term "
              "divides. Put the whole denominator in parentheses.",
        "tr": "Sonucunuz |a − b| / |a| + |b| ile bulunanla aynı: parantez olmadan yalnızca bir "
              "terim böler. Paydanın tamamını paranteze alın.",
    },
    "hint.direction_returned_numerical": {
        "en": "You returned the directional derivative a itself; return the relative "
              "difference |a − b| / (|a| + |b|).",
        "tr": "Yönlü türevin kendisini (a) döndürdünüz; bağıl farkı, |a − b| / (|a| + |b|) "
              "değerini döndürün.",
    },
    "hint.direction_same_point": {
        "en": "Your a is 0: J_plus and J_minus come from the same point. Look at the signs of "
              "the two steps, θ + εu and θ − εu.",
        "tr": "Bulduğunuz a değeri 0: J_plus ile J_minus aynı noktadan geliyor. İki adımın "
              "işaretlerine bakın: θ + εu ve θ − εu.",
    },
    "hint.complex_ignores_h": {
        "en": "Your result does not change with `h`, as if the step were written into your "
              "code: use the `h` argument (with h = 0.1 the complex step is no longer exact).",
        "tr": "Sonucunuz `h` ile değişmiyor; sanki adım kodunuza sabit olarak yazılmış. `h` "
              "argümanını kullanın (h = 0.1 için karmaşık adım artık tam sonuç vermez).",
    },
    "hint.complex_modulus": {
        "en": "You took `abs`, the modulus of f(x + ih), which is about |f(x)|. The derivative "
              "sits in the imaginary part alone.",
        "tr": "f(x + ih) değerinin modülünü (`abs`) aldınız; bu yaklaşık |f(x)| olur. Türev "
              "yalnızca sanal kısımdadır.",
    },
    "hint.complex_step_outside": {
        "en": "Your result is 1 for every f: the step ih is added to f(x) instead of to x. "
              "Evaluate f at the moved point x + ih.",
        "tr": "Sonucunuz her f için 1: ih adımı x'e değil f(x)'e eklenmiş. f'yi kaydırılmış "
              "x + ih noktasında hesaplayın.",
    },
    "hint.complex_no_x": {
        "en": "Your result is the derivative at 0, whatever x is: the point to move is x + ih, "
              "not ih.",
        "tr": "Sonucunuz, x ne olursa olsun, 0 noktasındaki türev: kaydırılacak nokta ih değil "
              "x + ih.",
    },
    "hint.complex_not_real": {
        "en": "You returned a complex number. The derivative is its imaginary part divided by "
              "h, a float.",
        "tr": "Karmaşık bir sayı döndürdünüz. Türev, onun sanal kısmının h'ye bölümüdür, yani "
              "bir float.",
    },
    "check.practice.not_pair": {
        "en": "`{name}` returned {got} for {case}; expected a pair of numbers "
              "`(epsilon, threshold)`.",
        "tr": "`{name}`, {case} için {got} döndürdü; `(epsilon, threshold)` biçiminde iki "
              "sayı bekleniyordu.",
    },
    "check.practice.wrong_pair": {
        "en": "For {case}: expected (epsilon, threshold) = ({epsilon}, {threshold}), "
              "got ({got_epsilon}, {got_threshold}).",
        "tr": "{case} için beklenen (epsilon, threshold) = ({epsilon}, {threshold}), "
              "gelen: ({got_epsilon}, {got_threshold}).",
    },
    "check.practice.not_bool": {
        "en": "`{name}` returned {got} for {case}; expected True or False.",
        "tr": "`{name}`, {case} için {got} döndürdü; True ya da False bekleniyordu.",
    },
    "check.practice.wrong_answer": {
        "en": "For {case}: expected {expected}, got {got}.",
        "tr": "{case} için beklenen {expected}, gelen: {got}.",
    },
    "case.practice.coordinate": {
        "en": "coordinate i = {i} ({block}) with ε = {epsilon}",
        "tr": "ε = {epsilon} ile i = {i} koordinatı ({block})",
    },
})

RANDOM_CASES = 4

# A formula evaluated with the same operations is exact to a few rounding
# units; 1e-12 accepts `abs(J)` against `np.abs(J)`, `x ** (1/3)` against
# `np.cbrt(x)` and the like
FORMULA_RTOL = 1e-12

BEST_EPSILON_HINTS = hints("eps_precedence", "eps_square_root", "eps_no_three",
                           "eps_wrong_constant", "eps_inverted", "eps_no_root", "eps_u_only",
                           "eps_times_m", "eps_no_j", "eps_no_m", "eps_no_u", "eps_two_thirds",
                           "eps_fixed_u")
DTYPE_SETTINGS_HINTS = hints("dtype_machine_eps", "dtype_swapped", "dtype_fixed",
                             "dtype_no_factor", "dtype_name_ignored", "dtype_ignored",
                             "dtype_precedence", "dtype_threshold_power", "eps_square_root")
# One kind per side: a student compares with the same side on every case
CROSSED_KINK_HINTS = hints("kink_one_sided", "kink_one_sided_minus", "kink_all",
                           "kink_same_point", "kink_all_coordinates", "kink_inverted",
                           "kink_any_equal", "kink_not_bool")
DROPOUT_HINTS = hints("dropout_fresh", "dropout_off", "dropout_seed", "dropout_epsilon",
                      "dropout_keep_prob", "dropout_report")
DIRECTION_HINTS = hints("direction_precedence", "direction_one_sided", "direction_no_epsilon",
                        "direction_signed", "direction_grad_norm", "direction_no_u",
                        "direction_epsilon_ignored", "direction_partial_denominator",
                        "direction_no_denominator", "direction_parentheses",
                        "direction_returned_numerical", "direction_same_point")
COMPLEX_STEP_HINTS = hints("complex_real_part", "complex_no_divide",
                           "complex_finite_difference", "complex_ignores_h", "complex_modulus",
                           "complex_step_outside", "complex_no_x", "complex_not_real")


def _agree_formula(got, expected):
    return bool(np.isclose(got, expected, rtol=FORMULA_RTOL, atol=0.0))


# ----- naming only the student's own mistake ------------------------------------

def _gives(case, kind, answer, agrees):
    # True when mistake `kind` gives `answer` on `case` (or says nothing there)
    values = [value for found, value in case.mistakes() if found == kind]
    return not values or any(agrees(case, answer, value) for value in values)


def _recording(read, answers):
    # `read`, appending each answer to `answers` (one per case run, in order)
    def recording(function, value, label):
        answer, problem = read(function, value, label)
        answers.append(answer)
        return answer, problem
    return recording


def _run_check(target, name, cases, hints, read, agrees, wrong):
    """Run ``target`` on ``cases`` (see ``run_answer_check``), naming only the student's mistake.

    The runner names the first mistake that explains every wrong answer. A
    mistake that would also have changed an answer the student got right
    is not theirs (``np.all`` for ``np.any`` gives the opposite answers on
    the crossed cases alone): its hint is withdrawn and the check runs
    again, until the named mistake gives every answer or none is named.

    Returns:
        CheckResult.
    """
    hints = dict(hints)
    while True:
        answers = []
        result = run_answer_check(target, name, cases, hints, _recording(read, answers), agrees,
                                  wrong)
        kind = result.problems[-1].kind if result.problems else None
        if kind not in hints or all(_gives(case, kind, answer, agrees)
                                    for case, answer in zip(cases, answers, strict=False)):
            return result
        del hints[kind]


def _run_scalar_check(target, name, cases, hints, read=scalar_problem):
    """:func:`_run_check` for a function that returns one number (``ScalarCase`` inputs)."""
    return _run_check(target, name, cases, hints, read,
                      lambda case, got, reference: case.agrees(got, reference), _wrong_number)


# ----- best_epsilon(u, J, M) ------------------------------------------------

def _best_epsilon_case(u, J, M):
    def mistakes():
        ratio = 3 * u * abs(J) / M
        found = [("eps_precedence", ratio / 3), ("eps_square_root", ratio ** 0.5),
                 ("eps_no_three", (u * abs(J) / M) ** (1 / 3))]
        # 6 (from ε²M/6), 2 (from 2ε), or the 3 dividing M
        found += [("eps_wrong_constant", (factor * u * abs(J) / M) ** (1 / 3))
                  for factor in (6, 2, 1 / 3)]
        return (*found, ("eps_inverted", (1 / ratio) ** (1 / 3)), ("eps_no_root", ratio),
                ("eps_u_only", u ** (1 / 3)), ("eps_times_m", (3 * u * abs(J) * M) ** (1 / 3)),
                ("eps_no_j", (3 * u / M) ** (1 / 3)), ("eps_no_m", (3 * u * abs(J)) ** (1 / 3)),
                ("eps_no_u", (3 * abs(J) / M) ** (1 / 3)), ("eps_two_thirds", ratio ** (2 / 3)),
                ("eps_fixed_u", (3 * unit_roundoff(np.float64) * abs(J) / M) ** (1 / 3)))

    return ScalarCase(
        label=f"u = {u!r}, J = {J!r}, M = {M!r}", arguments={"u": u, "J": J, "M": M},
        options={}, expected=(3 * u * abs(J) / M) ** (1 / 3), what="epsilon",
        agrees=_agree_formula, mistakes=mistakes,
    )


@functools.cache
def _best_epsilon_cases(seed):
    inputs = [(unit_roundoff(np.float64), 1.0, 1.0), (unit_roundoff(np.float32), 1.0, 1.0),
              (unit_roundoff(np.float64), 2.4, 0.05)]
    rng = np.random.default_rng(seed)
    for _ in range(RANDOM_CASES):
        inputs.append((float(10 ** rng.uniform(-17, -6)), float(10 ** rng.uniform(-2, 2)),
                       float(10 ** rng.uniform(-3, 3))))
    return tuple(_best_epsilon_case(*values) for values in inputs)


def check_best_epsilon(target, seed=CHECK_SEED):
    """Check ``best_epsilon(u, J, M)`` -> (3u|J|/M)^(1/3), without printing.

    Returns:
        CheckResult; a wrong value carries the kind that explains it (a
        key of ``BEST_EPSILON_HINTS``: ``"eps_precedence"``,
        ``"eps_square_root"``, ``"eps_no_three"``, ``"eps_fixed_u"``, …),
        else ``"wrong_value"``.
    """
    return _run_scalar_check(target, "best_epsilon", list(_best_epsilon_cases(seed)),
                             BEST_EPSILON_HINTS)


def best_epsilon_test(target):
    """Run :func:`check_best_epsilon`, print the verdict, raise AssertionError on failure."""
    report(check_best_epsilon(target))


# ----- cases with any kind of answer ------------------------------------------

@dataclass(frozen=True)
class AnswerCase:
    """One input to a student function whose answer is not a single number.

    Attributes:
        label: the inputs as the student reads them (str or Text).
        arguments: ``{name: value}`` passed positionally; mutation is detected.
        options: ``{name: value}`` passed by keyword.
        expected: the correct answer, in the form ``read`` returns.
        mistakes: zero-argument callable giving ``(kind, answer)`` pairs.
    """

    label: object
    arguments: dict
    options: dict
    expected: object
    mistakes: object


# ----- dtype_settings(dtype) --------------------------------------------------

def _settings(u, factor=TOLERANCE_FACTOR):
    return (u ** (1 / 3), factor * u ** (2 / 3))


def _read_pair(name, value, label):
    try:
        pair = tuple(float(v) for v in value)
    except (TypeError, ValueError):
        pair = ()
    if len(pair) != 2 or isinstance(value, (str, bytes, dict)):
        text = Text("check.practice.not_pair", {"name": name, "case": label,
                                                "got": describe(value)})
        return None, Problem("not_a_pair", text)
    return pair, None


# `np.finfo(np.float32).eps` is a float32, so a correct answer may be
# computed in float32: good to ~1e-7 relative. The mistakes are off by
# at least 2^(1/3) (machine epsilon instead of u).
PAIR_RTOL = 1e-6


def _agree_pair(got, expected):
    return all(np.isclose(g, e, rtol=PAIR_RTOL, atol=0.0)
               for g, e in zip(got, expected, strict=True))


def _wrong_pair(case, got):
    return Text("check.practice.wrong_pair", {
        "case": case.label, "epsilon": number(case.expected[0]),
        "threshold": number(case.expected[1]), "got_epsilon": number(got[0]),
        "got_threshold": number(got[1])})


def _dtype_case(dtype):
    u = unit_roundoff(dtype)

    def mistakes():
        epsilon, threshold = _settings(u)
        float64 = _settings(unit_roundoff(np.float64))
        found = [("dtype_machine_eps", _settings(2 * u)), ("dtype_swapped", (threshold, epsilon)),
                 ("dtype_fixed", (1e-7, 2e-7)), ("dtype_no_factor", _settings(u, 1))]
        if isinstance(dtype, str):
            found.append(("dtype_name_ignored", float64))
        found.append(("dtype_ignored", float64))
        # `u ** 1 / 3` in epsilon, `u ** 2 / 3` in threshold, or both
        found += [("dtype_precedence", pair) for pair in (
            (u / 3, threshold), (epsilon, TOLERANCE_FACTOR * u ** 2 / 3),
            (u / 3, TOLERANCE_FACTOR * u ** 2 / 3))]
        found += [("dtype_threshold_power", (epsilon, TOLERANCE_FACTOR * power))
                  for power in (u ** (1 / 3), u)]
        return (*found, ("eps_square_root", (u ** 0.5, threshold)))

    return AnswerCase(label=f"dtype = {dtype!r}", arguments={"dtype": dtype}, options={},
                      expected=_settings(u), mistakes=mistakes)


def check_dtype_settings(target, seed=CHECK_SEED):
    """Check ``dtype_settings(dtype)`` -> (u^(1/3), 300·u^(2/3)) with u = eps/2, silently.

    Runs float64 and float32, each given as a NumPy type, a dtype object
    and a name (``seed`` only shuffles their order).

    Returns:
        CheckResult; kinds of ``DTYPE_SETTINGS_HINTS`` (``"dtype_machine_eps"``,
        ``"dtype_name_ignored"``, ``"dtype_precedence"``, …),
        ``"not_a_pair"``, else ``"wrong_value"``.
    """
    dtypes = [np.float64, np.float32, np.dtype("float32"), "float32", np.dtype("float64"),
              "float64"]
    order = np.random.default_rng(seed).permutation(len(dtypes))
    cases = [_dtype_case(dtypes[0])] + [_dtype_case(dtypes[i]) for i in order if i != 0]
    return _run_check(target, "dtype_settings", cases, DTYPE_SETTINGS_HINTS, _read_pair,
                      lambda case, got, reference: _agree_pair(got, reference), _wrong_pair)


def dtype_settings_test(target):
    """Run :func:`check_dtype_settings`, print the verdict, raise AssertionError on failure."""
    report(check_dtype_settings(target))


# ----- crossed_kink(objective, theta, i, epsilon) ------------------------------

def _read_bool(name, value, label):
    if isinstance(value, (bool, np.bool_)):
        return bool(value), None
    kind = "kink_not_bool" if isinstance(value, np.ndarray) else "not_a_bool"
    text = Text("check.practice.not_bool", {"name": name, "case": label, "got": describe(value)})
    return None, Problem(kind, text, CROSSED_KINK_HINTS.get(kind))


def _moved(theta, i, step):
    moved = np.copy(theta)
    moved[i] += step
    return moved


def _kink_case(objective, theta, i, epsilon):
    plus = objective.pattern(_moved(theta, i, epsilon))
    minus = objective.pattern(_moved(theta, i, -epsilon))
    crossed = bool(np.any(plus != minus))

    def mistakes():
        centre = objective.pattern(theta)
        everything = np.ones_like(theta)
        moved_all = (objective.pattern(theta + epsilon * everything)
                     != objective.pattern(theta - epsilon * everything))
        return (("kink_one_sided", bool(np.any(plus != centre))),
                ("kink_one_sided_minus", bool(np.any(centre != minus))),
                ("kink_all", bool(np.all(plus != minus))), ("kink_same_point", False),
                ("kink_all_coordinates", bool(np.any(moved_all))),
                ("kink_inverted", not crossed), ("kink_any_equal", bool(np.any(plus == minus))))

    label = Text("case.practice.coordinate", {"i": int(i), "block": objective.keys[i],
                                              "epsilon": repr(epsilon)})
    return AnswerCase(label=label, options={},
                      arguments={"objective": objective, "theta": theta, "i": int(i),
                                 "epsilon": epsilon},
                      expected=crossed, mistakes=mistakes)


@functools.cache
def _crossed_kink_cases(seed):
    X, Y, parameters = kink_case()
    objective = NetworkObjective(X, Y, parameters)
    theta = objective.theta(parameters)
    # b1[0] and W1[0, 0] cross only on the minus side, W1[0, 1] only on the
    # plus side; b2[0] and W3 do not cross
    cases = [_kink_case(objective, theta, i, 1e-7) for i in (20, 0, 1, 45, 41)]
    # The course's network, no unit near a kink: moving all of θ crosses nothing either
    course = NetworkObjective(*gradient_check_n_test_case())
    cases.append(_kink_case(course, course.theta(gradient_check_n_test_case()[2]), 3, 1e-7))
    # One hidden unit (|z| < 0.3 on its 3 examples) whose bias moves by 2: it
    # switches on every example, the one case where `np.all` is right
    single, single_theta = random_objective((2, 1, 1), m=3, seed=0)
    cases.append(_kink_case(single, single_theta, single.keys.index("b1"), 2.0))
    # Its first weight moved by 10 flips the unit on every example, in both
    # directions (x₀ has both signs): `np.all` is right, while both patterns
    # have a unit on, so comparing np.any(pattern) of each side is not
    cases.append(_kink_case(single, single_theta, 0, 10.0))
    rng = np.random.default_rng(seed)
    other, other_theta = random_objective((3, 6, 4, 1), m=5, seed=int(rng.integers(1000)))
    for i in rng.choice(other.n, size=RANDOM_CASES, replace=False):
        cases.append(_kink_case(other, other_theta, int(i), 0.5))
    return tuple(cases)


def check_crossed_kink(target, seed=CHECK_SEED):
    """Check ``crossed_kink(objective, theta, i, epsilon)`` -> bool, without printing.

    Runs the lesson's kink case at ε = 1e-7 (coordinates that cross on one
    side, on the other, and not at all), the course's network far from any
    kink, a single unit that switches on every example, and seeded
    coordinates of a random network at ε = 0.5, where many units switch.

    Returns:
        CheckResult; kinds of ``CROSSED_KINK_HINTS`` (``"kink_one_sided"``,
        ``"kink_all"``, ``"kink_inverted"``, …), ``"mutated"``, else
        ``"wrong_value"``.
    """
    def wrong(case, got):
        return Text("check.practice.wrong_answer", {"case": case.label,
                                                    "expected": case.expected, "got": got})

    return _run_check(target, "crossed_kink", list(_crossed_kink_cases(seed)),
                      CROSSED_KINK_HINTS, _read_bool,
                      lambda case, got, reference: got == reference, wrong)


def crossed_kink_test(target):
    """Run :func:`check_crossed_kink`, print the verdict, raise AssertionError on failure."""
    report(check_crossed_kink(target))


# ----- gradient_check_with_dropout(X, Y, parameters, keep_prob, seed, epsilon) --

# ε of the dropout cases: large enough that truncation, not rounding,
# sets the difference, so a correct answer reproduces it to ~1e-6 relative
# whichever centered-difference check computes it (the loop or the
# vectorized one), while another mask or no dropout changes it by far more.
# At 1e-4 rounding already moves it by 1e-3 relative between the two.
DROPOUT_EPSILONS = (1e-2, 1e-3)
DROPOUT_RTOL = 1e-4


def _dropout_difference(X, Y, parameters, epsilon, **options):
    objective = NetworkObjective(X, Y, parameters, **options)
    theta = objective.theta(parameters)
    return vectorized_check(objective, theta, objective.gradient(theta), epsilon).difference


# With a fresh mask at every pass, J(θ+ε) and J(θ−ε) drop different units:
# their gap is O(1), divided by 2ε, so gradapprox is huge and the difference
# lands near 1, at a value that changes with every draw
FRESH_MASK_ABOVE = 0.5


@dataclass(frozen=True)
class _AtLeast:
    """A mistake known only by a bound: any difference at or above ``value``."""

    value: float


def _agree_dropout(got, expected):
    if isinstance(expected, _AtLeast):
        return got >= expected.value
    return bool(np.isclose(got, expected, rtol=DROPOUT_RTOL, atol=1e-14))


def _loop_difference(X, Y, parameters, epsilon, **options):
    objective = NetworkObjective(X, Y, parameters, **options)
    theta = objective.theta(parameters)
    return loop_check(objective, theta, objective.gradient(theta), epsilon).difference


def _dropout_case(X, Y, parameters, keep_prob, seed, epsilon):
    def mistakes():
        fixed = {"keep_prob": keep_prob, "seed": seed}
        # The default seed (0) or the lesson's example (1), whatever `seed` is
        seeds = [("dropout_seed", _dropout_difference(X, Y, parameters, epsilon,
                                                      keep_prob=keep_prob, seed=other))
                 for other in (0, 1)]
        # ε left at 1e-7, where loop and vectorized checks differ in rounding
        return (
            ("dropout_fresh", _AtLeast(FRESH_MASK_ABOVE)),
            ("dropout_off", _dropout_difference(X, Y, parameters, epsilon)),
            *seeds,
            ("dropout_epsilon", _dropout_difference(X, Y, parameters, COURSE_EPSILON, **fixed)),
            ("dropout_epsilon", _loop_difference(X, Y, parameters, COURSE_EPSILON, **fixed)),
            ("dropout_keep_prob", _dropout_difference(X, Y, parameters, epsilon,
                                                      keep_prob=1 - keep_prob, seed=seed)),
        )

    label = f"keep_prob = {keep_prob!r}, seed = {seed!r}, ε = {epsilon!r}"
    expected = _dropout_difference(X, Y, parameters, epsilon, keep_prob=keep_prob, seed=seed)
    return ScalarCase(label=label, options={"epsilon": epsilon},
                      arguments={"X": X, "Y": Y, "parameters": parameters,
                                 "keep_prob": keep_prob, "seed": seed},
                      expected=expected, what="difference", agrees=_agree_dropout,
                      mistakes=functools.cache(mistakes))


def _read_difference(name, value, label):
    # The report of loop_check or vectorized_check instead of its number
    if hasattr(value, "difference") and not isinstance(value, (np.ndarray, np.generic)):
        text = Text("check.not_a_number", {"name": name, "case": label, "got": describe(value)})
        return None, Problem("dropout_report", text, DROPOUT_HINTS["dropout_report"])
    return scalar_problem(name, value, label)


@functools.cache
def _dropout_cases(seed):
    X, Y, parameters = gradient_check_n_test_case()
    cases = [_dropout_case(X, Y, parameters, 0.8, 1, DROPOUT_EPSILONS[1])]
    rng = np.random.default_rng(seed)
    for count in range(RANDOM_CASES - 1):
        objective, theta = random_objective((4, 6, 3, 1), m=6, seed=int(rng.integers(1000)))
        parameters = vector_to_dictionary(theta, objective.shapes)
        cases.append(_dropout_case(objective.X, objective.Y.ravel(), parameters,
                                   float(rng.choice([0.5, 0.7, 0.9])), int(rng.integers(100)),
                                   DROPOUT_EPSILONS[count % 2]))
    return tuple(cases)


def check_gradient_check_with_dropout(target, seed=CHECK_SEED):
    """Check ``gradient_check_with_dropout(X, Y, parameters, keep_prob, seed, epsilon)``.

    The answer is the relative difference of the centered-difference check
    of a NetworkObjective with that ``keep_prob`` and masks fixed by
    ``seed``; checked silently on the course case and seeded networks.

    Returns:
        CheckResult; kinds of ``DROPOUT_HINTS`` (``"dropout_fresh"``,
        ``"dropout_seed"``, ``"dropout_report"``, …), else ``"wrong_value"``.
    """
    return _run_scalar_check(target, "gradient_check_with_dropout", list(_dropout_cases(seed)),
                             DROPOUT_HINTS, _read_difference)


def gradient_check_with_dropout_test(target):
    """Run :func:`check_gradient_check_with_dropout`, print the verdict, raise on failure."""
    report(check_gradient_check_with_dropout(target))


# ----- random_direction_difference(cost, theta, grad, u, epsilon) ---------------

def _direction_difference(cost, theta, grad, u, epsilon, side=0, precedence=False, move=None,
                          divisor=1):
    step = epsilon * u if move is None else move * u
    plus = cost(theta + step)
    minus = cost(theta - step)
    if side:
        # (J(θ ± εu) − J(θ)) / ε, or / (2ε) when only one cost was replaced
        centre = cost(theta)
        gap = plus - centre if side > 0 else centre - minus
        numerical = gap / (divisor * epsilon)
    elif precedence:
        numerical = (plus - minus) / 2 * epsilon
    else:
        numerical = (plus - minus) / (2 * epsilon)
    analytic = float(np.sum(grad * u))
    return _relative(numerical, analytic), numerical, analytic


def _relative(a, b):
    return abs(a - b) / (abs(a) + abs(b))


def _direction_case(cost, theta, grad, u, epsilon, label):
    expected, numerical, analytic = _direction_difference(cost, theta, grad, u, epsilon)

    @functools.cache
    def mistakes():
        found = [("direction_precedence",
                  _direction_difference(cost, theta, grad, u, epsilon, precedence=True)[0])]
        found += [("direction_one_sided", _direction_difference(
            cost, theta, grad, u, epsilon, side=side, divisor=divisor)[0])
            for side in (1, -1) for divisor in (1, 2)]
        # θ ± u divided by 2ε, or by 2 (a step of 1)
        found += [("direction_no_epsilon", _direction_difference(
            cost, theta, grad, u, step, move=1.0)[0]) for step in (epsilon, 1.0)]
        found.append(("direction_signed", (numerical - analytic) / (abs(numerical)
                                                                    + abs(analytic))))
        found.append(("direction_grad_norm", _relative(numerical, float(np.linalg.norm(grad)))))
        found.append(("direction_no_u", _relative(numerical, float(np.sum(grad)))))
        found += [("direction_epsilon_ignored",
                   _direction_difference(cost, theta, grad, u, fixed)[0])
                  for fixed in (1e-6, COURSE_EPSILON)]
        gap = abs(numerical - analytic)
        found += [("direction_partial_denominator", gap / abs(analytic)),
                  ("direction_partial_denominator", gap / abs(numerical)),
                  ("direction_no_denominator", gap),
                  ("direction_parentheses", gap / abs(numerical) + abs(analytic)),
                  ("direction_parentheses", gap / abs(analytic) + abs(numerical)),
                  ("direction_returned_numerical", numerical),
                  ("direction_same_point", 1.0)]
        return tuple(found)

    def agrees(got, want):
        return abs(got - want) <= 1e-13 + 1e-6 * abs(want)

    return ScalarCase(label=label, options={"epsilon": epsilon},
                      arguments={"cost": cost, "theta": theta, "grad": grad, "u": u},
                      expected=expected, what="difference", agrees=agrees, mistakes=mistakes)


@functools.cache
def _direction_cases(seed):
    rng = np.random.default_rng(seed)
    cases = []
    # ε = 0.1 moves (J⁺ − J⁻) / 2 · ε visibly away from the 1 of a = 0
    networks = [((4, 5, 3, 1), 1e-6), ((3, 6, 4, 1), 1e-5), ((5, 8, 1), 1e-4), ((4, 5, 3, 1), 1e-3),
                ((3, 6, 4, 1), 1e-1)]
    for number_of, (sizes, epsilon) in enumerate(networks):
        objective, theta = random_objective(sizes, m=5, seed=int(rng.integers(1000)))
        grad = objective.gradient(theta)
        u = rng.standard_normal(theta.shape)
        u /= np.linalg.norm(u)
        if number_of % 2:
            # a wrong gradient too: the exercise must measure, not assume
            grad = grad * np.where(np.array(objective.keys)[:, None] == "W1", 1.5, 1.0)
        elif np.sum(grad * u) < 0:
            # J rises along u: ‖g‖ for gᵀu then gives less than 1 (exactly 1 when a < 0)
            u = -u
        label = f"layer_sizes = {sizes}, ε = {epsilon!r}"
        cases.append(_direction_case(objective.cost, theta, grad, u, epsilon, label))
    return tuple(cases)


def check_random_direction_difference(target, seed=CHECK_SEED):
    """Check ``random_direction_difference(cost, theta, grad, u, epsilon)``, without printing.

    The answer is |a − b| / (|a| + |b|) with a = (J(θ+εu) − J(θ−εu)) / (2ε)
    and b = gᵀu, on seeded networks, correct and wrong gradients.

    Returns:
        CheckResult; kinds of ``DIRECTION_HINTS`` (``"direction_precedence"``,
        ``"direction_grad_norm"``, ``"direction_epsilon_ignored"``, …), else
        ``"wrong_value"``.
    """
    return _run_scalar_check(target, "random_direction_difference",
                             list(_direction_cases(seed)), DIRECTION_HINTS)


def random_direction_difference_test(target):
    """Run :func:`check_random_direction_difference`, print the verdict, raise on failure."""
    report(check_random_direction_difference(target))


# ----- complex_step_derivative(f, x, h) ---------------------------------------

def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


# (name, f, f′) of smooth functions that accept complex input
SMOOTH_FUNCTIONS = (
    ("sin", np.sin, np.cos),
    ("exp(x)·sin(x)", lambda x: np.exp(x) * np.sin(x),
     lambda x: np.exp(x) * (np.sin(x) + np.cos(x))),
    ("x³ − 2x", lambda x: x ** 3 - 2 * x, lambda x: 3 * x ** 2 - 2),
    ("log(1 + x²)", lambda x: np.log(1 + x ** 2), lambda x: 2 * x / (1 + x ** 2)),
    ("sigmoid", _sigmoid, lambda x: _sigmoid(x) * (1 - _sigmoid(x))),
)


def _complex_case(name, f, derivative, x, h):
    def mistakes():
        moved = f(x + 1j * h)
        return (("complex_real_part", float(np.real(moved)) / h),
                ("complex_no_divide", float(np.imag(moved))),
                ("complex_finite_difference", float((f(x + h) - f(x)) / h)),
                ("complex_finite_difference", float((f(x + h) - f(x - h)) / (2 * h))),
                ("complex_ignores_h", float(derivative(x))),
                ("complex_modulus", float(abs(moved)) / h),
                ("complex_step_outside", 1.0),
                ("complex_no_x", float(np.imag(f(1j * h))) / h))

    # Relative only: Im f(x + ih) without the division by h is h·f′(x),
    # tiny but not 0, and must not pass for the 0 of a cancelled difference
    def agrees(got, want):
        return abs(got - want) <= 1e-13 * abs(want)

    return ScalarCase(label=f"f = {name}, x = {x!r}, h = {h!r}", arguments={"f": f, "x": x},
                      options={"h": h}, expected=float(np.imag(f(x + 1j * h)) / h),
                      what="derivative", agrees=agrees, mistakes=mistakes)


# Steps of the complex-step cases: tiny ones, where Im f(x + ih) / h is f′(x)
# to the last bit, and large ones, where its O(h²) error shows that h is used
COMPLEX_STEPS = (1e-20, 0.1, 1e-30, 0.5, 1e-20)


@functools.cache
def _complex_cases(seed):
    rng = np.random.default_rng(seed)
    cases = []
    for (name, f, derivative), h in zip(SMOOTH_FUNCTIONS, COMPLEX_STEPS, strict=True):
        x = round(float(rng.uniform(-2, 2)), 3)
        cases.append(_complex_case(name, f, derivative, x, h))
    return tuple(cases)


def _read_real(name, value, label):
    # A complex number: the whole of f(x + ih) / h instead of its imaginary part
    if np.iscomplexobj(value):
        text = Text("check.not_a_number", {"name": name, "case": label, "got": describe(value)})
        return None, Problem("complex_not_real", text, COMPLEX_STEP_HINTS["complex_not_real"])
    return scalar_problem(name, value, label)


def check_complex_step_derivative(target, seed=CHECK_SEED):
    """Check ``complex_step_derivative(f, x, h)`` -> Im f(x + ih) / h, without printing.

    The answer must equal Im f(x + ih) / h of five smooth functions at
    seeded points to 1e-13: the exact derivative for tiny h, and for h of
    0.1 and 0.5 a value O(h²) away from it (so that h must be used).

    Returns:
        CheckResult; kinds of ``COMPLEX_STEP_HINTS`` (``"complex_real_part"``,
        ``"complex_ignores_h"``, ``"complex_not_real"``, …), else
        ``"wrong_value"``.
    """
    return _run_scalar_check(target, "complex_step_derivative", list(_complex_cases(seed)),
                             COMPLEX_STEP_HINTS, _read_real)


def complex_step_derivative_test(target):
    """Run :func:`check_complex_step_derivative`, print the verdict, raise on failure."""
    report(check_complex_step_derivative(target))


__all__ = [
    "best_epsilon_test", "check_best_epsilon",
    "check_complex_step_derivative", "complex_step_derivative_test",
    "check_crossed_kink", "crossed_kink_test",
    "check_dtype_settings", "dtype_settings_test",
    "check_gradient_check_with_dropout", "gradient_check_with_dropout_test",
    "check_random_direction_difference", "random_direction_difference_test",
]
