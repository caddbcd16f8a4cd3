"""The plain-words hint for each usual mistake, in English and Turkish.

Keys are the mistake kinds of :mod:`gc_feedback.mistakes` (gradient checks)
and of the 1-D forward and backward checks; a check shows the hint of the
mistake that explains every wrong value it saw. The kinds only lesson 02
can meet (``mistakes.ND_ONLY``, a wrong block of ``backward_propagation_n``)
are registered by :mod:`gc_feedback.checks_nd`, so that lesson 01's
notebook does not carry them.
"""

from gc_utils import register_messages

from .report import Text

register_messages({
    "hint.precedence": {
        "en": "gradapprox comes out about ε² times too small, so the difference is almost 1: "
              "`(J_plus - J_minus) / 2 * epsilon` divides by 2 and then MULTIPLIES by ε. "
              "Put the denominator in parentheses: `(J_plus - J_minus) / (2 * epsilon)`.",
        "tr": "gradapprox, olması gerekenin yaklaşık ε² katı çıkıyor; bu yüzden bağıl fark "
              "neredeyse 1 oluyor: "
              "`(J_plus - J_minus) / 2 * epsilon` önce 2'ye böler, sonra ε ile ÇARPAR. "
              "Paydayı paranteze alın: `(J_plus - J_minus) / (2 * epsilon)`.",
    },
    "hint.one_sided": {
        "en": "Your result matches a one-sided difference such as (J(θ + ε) − J(θ)) / ε. "
              "Use the centered difference (J(θ + ε) − J(θ − ε)) / (2ε): its error shrinks "
              "like ε² instead of ε.",
        "tr": "Sonucunuz, (J(θ + ε) − J(θ)) / ε gibi tek yönlü bir farkla (ileri fark) "
              "hesaplanan sonuçla aynı. Merkezi farkı kullanın: (J(θ + ε) − J(θ − ε)) / (2ε); "
              "hatası ε yerine ε² ile küçülür.",
    },
    "hint.no_denominator": {
        "en": "Your result is ‖grad − gradapprox‖₂ alone. Divide it by "
              "‖grad‖₂ + ‖gradapprox‖₂ to get the relative difference.",
        "tr": "Sonucunuz yalnızca ‖grad − gradapprox‖₂. Bağıl farkı bulmak için bunu "
              "‖grad‖₂ + ‖gradapprox‖₂ değerine bölün.",
    },
    "hint.squared": {
        "en": "Your result matches squared L2 norms (in the numerator, or in both parts). "
              "`np.linalg.norm` already takes the square root: do not square it.",
        "tr": "Sonucunuz, L2 normlarının kareleriyle (payda ya da iki tarafta) hesaplanan "
              "sonuçla aynı. `np.linalg.norm` karekökü zaten alır: sonucun karesini almayın.",
    },
    "hint.factor_two": {
        "en": "gradapprox comes out twice or half the derivative (a factor 2 always gives a "
              "difference of 1/3). Look at the line of gradapprox and the lines before it: the "
              "quotient divides by 2ε, J_plus and J_minus are taken at θ + ε and θ − ε (not at "
              "θ itself), and theta_minus comes from theta, not from theta_plus.",
        "tr": "gradapprox, türevin iki katı ya da yarısı çıkıyor (2 çarpanı her zaman 1/3 "
              "bağıl fark verir). gradapprox satırına ve ondan önceki satırlara bakın: bölüm "
              "2ε'a bölünmeli, J_plus ile J_minus θ + ε ve θ − ε noktalarında (θ'nın kendisinde "
              "değil) hesaplanmalı, theta_minus da theta_plus'tan değil theta'dan elde "
              "edilmeli.",
    },
    "hint.numerator_parentheses": {
        "en": "Your result matches a numerator without parentheses, `J_plus - J_minus / ...`: "
              "only J_minus is divided. Put the whole numerator J_plus − J_minus in "
              "parentheses before dividing.",
        "tr": "Sonucunuz, payın parantezsiz yazıldığı durumla (`J_plus - J_minus / ...`) aynı: "
              "yalnızca J_minus bölünüyor. Bölmeden önce payın tamamını, J_plus − J_minus'u "
              "paranteze alın.",
    },
    "hint.epsilon_squared": {
        "en": "Your result matches ε squared somewhere in the centered difference: a step of "
              "ε² or a division by 2ε². θ moves by ε on each side, and the quotient divides "
              "by 2ε.",
        "tr": "Sonucunuz, merkezi farkın bir yerinde ε'un karesinin kullanıldığı durumla aynı: "
              "ε² kadar bir adım ya da 2ε²'ye bölme. θ her iki yönde ε kadar kaydırılır, bölüm "
              "de 2ε'a bölünür.",
    },
    "hint.sign_or_zero": {
        "en": "The difference is 1, or almost: gradapprox is zero or points the other way. "
              "Check that J_plus is taken at θ + ε and J_minus at θ − ε (not both at the same "
              "point), and that the numerator is J_plus − J_minus.",
        "tr": "Bağıl fark 1 ya da 1'e çok yakın: gradapprox sıfır ya da ters yönde. J_plus'ın "
              "θ + ε'da, J_minus'un θ − ε'da hesaplandığını (ikisinin aynı noktada "
              "hesaplanmadığını) ve payın J_plus − J_minus olduğunu kontrol edin.",
    },
    "hint.partial_denominator": {
        "en": "Your result matches a denominator with one norm only; the denominator is the "
              "sum of both, ‖grad‖₂ + ‖gradapprox‖₂. Look at the line of the denominator.",
        "tr": "Sonucunuz, paydada yalnızca bir normun bulunduğu durumla aynı; payda ikisinin "
              "toplamıdır: ‖grad‖₂ + ‖gradapprox‖₂. Paydanın satırına bakın.",
    },
    "hint.denominator_parentheses": {
        "en": "Your result matches dividing by one norm and then adding the other: `a / b + c` "
              "divides by b alone. Put the whole denominator in parentheses.",
        "tr": "Sonucunuz, bir norma bölüp ardından diğer normun eklendiği durumla aynı: "
              "`a / b + c` yalnızca b'ye böler. Paydanın tamamını paranteze alın.",
    },
    "hint.self_compare": {
        "en": "The difference is exactly 0 on every input: the two sides compared hold the "
              "same values (gradapprox − gradapprox, grad − grad, or one assigned from the "
              "other). Compare grad from backpropagation with gradapprox from the centered "
              "difference.",
        "tr": "Bağıl fark her girdide tam olarak 0: karşılaştırılan iki taraf aynı değerleri "
              "tutuyor (gradapprox − gradapprox, grad − grad ya da biri diğerinden atanmış). "
              "Geri yayılımdan gelen grad'ı merkezi farktan gelen gradapprox ile "
              "karşılaştırın.",
    },
    "hint.difference_of_norms": {
        "en": "Your result matches the numerator ‖grad‖₂ − ‖gradapprox‖₂ (a difference of "
              "norms); the numerator is the norm of the difference, ‖grad − gradapprox‖₂.",
        "tr": "Sonucunuz, payın ‖grad‖₂ − ‖gradapprox‖₂ (normların farkı) olduğu durumla "
              "aynı; pay, farkın normudur: ‖grad − gradapprox‖₂.",
    },
    "hint.ignores_epsilon": {
        "en": "Your result matches ε written as the number 1e-7 (in the steps, in the "
              "quotient, or both) instead of the `epsilon` argument: it goes wrong as soon as "
              "the check passes another ε. Use `epsilon` everywhere.",
        "tr": "Sonucunuz, `epsilon` argümanı yerine ε'un 1e-7 sayısı olarak yazıldığı durumla "
              "aynı (adımlarda, bölümde ya da ikisinde): kontrol başka bir ε verdiği anda "
              "sonuç yanlış çıkar. Her yerde `epsilon` kullanın.",
    },
    "hint.perturb_x": {
        "en": "Your result matches comparing dJ/dθ = x with dJ/dx = θ: either x is perturbed "
              "instead of θ, or x and θ are swapped in a call (both functions take x first, "
              "then theta). Perturb theta and keep the order of the arguments.",
        "tr": "Sonucunuz, dJ/dθ = x'in dJ/dx = θ ile karşılaştırıldığı durumla aynı: ya θ "
              "yerine x kaydırılmış ya da bir çağrıda x ile θ'nın yeri değişmiş (iki fonksiyon "
              "da önce x'i, sonra theta'yı alır). theta'yı kaydırın ve argümanların sırasını "
              "koruyun.",
    },
    "hint.returned_gradient": {
        "en": "You returned a gradient (gradapprox or grad, about dθ = x); `gradient_check` "
              "returns the relative difference between the two.",
        "tr": "Bir gradyan döndürdünüz (gradapprox ya da grad, yaklaşık dθ = x); "
              "`gradient_check` ise ikisi arasındaki bağıl farkı döndürür.",
    },
    "hint.hard_coded": {
        "en": "Your function returns a number of the lesson whatever the input: the "
              "difference is written into the code. Compute it from grad and gradapprox.",
        "tr": "Fonksiyonunuz girdi ne olursa olsun dersteki bir sayıyı döndürüyor: bağıl fark "
              "koda sabit olarak yazılmış. Onu grad ve gradapprox'tan hesaplayın.",
    },
    "hint.use_helpers": {
        "en": "`gradient_check` calls functions that do not pass their own checks yet "
              "({names}): fix them first, then run this check again.",
        "tr": "`gradient_check`, kendi kontrollerinden henüz geçmeyen fonksiyonları çağırıyor "
              "({names}): önce onları düzeltin, sonra bu kontrolü yeniden çalıştırın.",
    },
    "hint.not_usual": {
        "en": "This is not one of the usual mistakes the check knows. Compare your result "
              "with the expected value above, then recompute the lesson's example one line at "
              "a time (print the intermediate values).",
        "tr": "Bu, kontrolün tanıdığı olağan hatalardan biri değil. Sonucunuzu yukarıdaki "
              "beklenen değerle karşılaştırın, sonra dersteki örneği satır satır yeniden "
              "hesaplayın (ara değerleri yazdırın).",
    },
    "hint.above_one": {
        "en": "A relative difference lies between 0 and 1, and yours is above 1: look at the "
              "shapes of grad and gradapprox (both (n, 1)?) and at the denominator.",
        "tr": "Bağıl fark 0 ile 1 arasındadır, sizinki ise 1'in üzerinde: grad ile "
              "gradapprox'un boyutlarına (ikisi de (n, 1) mi?) ve paydaya bakın.",
    },
    "hint.forward_theta": {
        "en": "You returned θ; the cost is the product J = θx.",
        "tr": "θ'yı döndürdünüz; maliyet, J = θx çarpımıdır.",
    },
    "hint.forward_x": {
        "en": "You returned x; the cost is the product J = θx.",
        "tr": "x'i döndürdünüz; maliyet, J = θx çarpımıdır.",
    },
    "hint.forward_sum": {
        "en": "You added θ and x; the cost is their product J = θx.",
        "tr": "θ ile x'i topladınız; maliyet bunların çarpımıdır: J = θx.",
    },
    "hint.backward_theta": {
        "en": "You returned θ; the derivative of J(θ) = θx with respect to θ is x.",
        "tr": "θ'yı döndürdünüz; J(θ) = θx fonksiyonunun θ'ya göre türevi x'tir.",
    },
    "hint.backward_cost": {
        "en": "You returned the cost J = θx itself; dθ is its derivative with respect to θ, "
              "which is x.",
        "tr": "Maliyetin kendisini (J = θx) döndürdünüz; dθ, onun θ'ya göre türevidir, yani x.",
    },
    "hint.backward_sum": {
        "en": "You returned θ + x; the derivative of J(θ) = θx with respect to θ is x.",
        "tr": "θ + x değerini döndürdünüz; J(θ) = θx fonksiyonunun θ'ya göre türevi x'tir.",
    },
})


def hint(kind, **fields):
    """Return the hint of one mistake kind as a :class:`Text` (``fields`` fill it in)."""
    return Text(f"hint.{kind}", fields)


def hints(*kinds):
    """Return ``{kind: Text("hint.<kind>")}`` for the given mistake kinds."""
    return {kind: hint(kind) for kind in kinds}
