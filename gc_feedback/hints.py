"""The plain-words hint for each usual mistake, in English and Turkish.

Keys are the mistake kinds of :mod:`gc_feedback.mistakes` and of the 1-D
checks; those only lesson 02 meets are registered by ``checks_nd``.
"""

from gc_utils import register_messages

from .report import Text

register_messages({
    "hint.precedence": {
        "en": "gradapprox comes out about ε² times the right value, so the difference is almost 1: "
              "`/ 2 * epsilon` divides by 2, then MULTIPLIES by ε. Put the whole denominator "
              "in parentheses.",
        "tr": "gradapprox olması gerekenin yaklaşık ε² katı çıkıyor, bu yüzden bağıl fark "
              "neredeyse 1: `/ 2 * epsilon` önce 2'ye böler, sonra ε ile ÇARPAR. Paydanın "
              "tamamını paranteze alın.",
    },
    "hint.one_sided": {
        "en": "Your result matches a one-sided difference, (J(θ + ε) − J(θ)) / ε or its mirror. "
              "Use the centered difference: its error shrinks like ε², not ε.",
        "tr": "Sonucunuz, (J(θ + ε) − J(θ)) / ε gibi tek yönlü bir farkla (ileri fark) ya da "
              "onun geri yöndeki eşiyle aynı. Merkezi farkı kullanın: hatası ε ile değil ε² "
              "ile küçülür.",
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
        "tr": "Sonucunuz, L2 normlarının karesi alınarak (yalnızca payın ya da hem payın hem "
              "paydanın) hesaplanan sonuçla aynı. `np.linalg.norm` karekökü zaten alır: "
              "sonucun karesini almayın.",
    },
    "hint.factor_two": {
        "en": "gradapprox is twice or half the derivative (a factor 2 gives 1/3): check that you "
              "divide by 2ε and take J_plus, J_minus at θ + ε, θ − ε (theta_minus from theta, "
              "not from theta_plus).",
        "tr": "gradapprox türevin iki katı ya da yarısı (2 çarpanı 1/3 verir): 2ε'a böldüğünüzü "
              "ve J_plus, J_minus'u θ + ε, θ − ε'da aldığınızı kontrol edin (theta_minus "
              "theta_plus'tan değil theta'dan başlamalı).",
    },
    "hint.numerator_parentheses": {
        "en": "Your result matches `J_plus - J_minus / ...`, which divides J_minus alone: put "
              "the numerator in parentheses.",
        "tr": "Sonucunuz `J_plus - J_minus / ...` ile aynı; bu yalnızca J_minus'u böler: payı "
              "paranteze alın.",
    },
    "hint.epsilon_squared": {
        "en": "Your result matches ε² in the centered difference (as the step, or 2ε² below), "
              "or ε left out of the quotient (`/ 2` alone): both give these numbers. θ moves "
              "by ε each way and the quotient divides by 2ε.",
        "tr": "Sonucunuz, merkezi farkta ε² kullanılmasıyla (adım olarak ya da paydada 2ε²) ya "
              "da paydada ε'un unutulmasıyla (yalnızca `/ 2`) aynı sayıları veriyor. θ her "
              "yöne ε kadar kayar ve J_plus − J_minus farkı 2ε'a bölünür.",
    },
    "hint.sign_or_zero": {
        "en": "The difference is (almost) 1: gradapprox is zero or points the other way, or "
              "the numerator adds them (‖grad + gradapprox‖₂ looks the same). Take J_plus at "
              "θ + ε, J_minus at θ − ε, and compute J_plus − J_minus.",
        "tr": "Bağıl fark 1 ya da 1'e çok yakın: gradapprox sıfır ya da ters yönde ya da pay "
              "ikisini topluyor (‖grad + gradapprox‖₂ aynı sonucu verir). J_plus'ı θ + ε'da, "
              "J_minus'u θ − ε'da alın ve J_plus − J_minus'u hesaplayın.",
    },
    "hint.partial_denominator": {
        "en": "Your result matches a denominator with one norm; it is the sum of both, "
              "‖grad‖₂ + ‖gradapprox‖₂.",
        "tr": "Sonucunuz, paydada tek bir norm olduğu durumla aynı; payda ikisinin toplamıdır: "
              "‖grad‖₂ + ‖gradapprox‖₂.",
    },
    "hint.denominator_parentheses": {
        "en": "Your result matches `a / b + c`, which divides by b alone: put the whole "
              "denominator in parentheses.",
        "tr": "Sonucunuz `a / b + c` ile aynı; bu yalnızca b'ye böler: paydanın tamamını "
              "paranteze alın.",
    },
    "hint.self_compare": {
        "en": "The difference is exactly 0 on every input: both sides hold the same values "
              "(gradapprox − gradapprox, grad − grad, or one copied from the other), or `//` "
              "rounds the quotient down to 0 (divide with `/`).",
        "tr": "Bağıl fark her girdide tam olarak 0: iki taraf aynı değerleri tutuyor "
              "(gradapprox − gradapprox, grad − grad ya da biri diğerinin kopyası) ya da `//` "
              "bölümü aşağı yuvarlayıp 0 yapıyor (`/` ile bölün).",
    },
    "hint.difference_of_norms": {
        "en": "Your result matches ‖grad‖₂ − ‖gradapprox‖₂ as the numerator; it is the norm of "
              "the difference, ‖grad − gradapprox‖₂.",
        "tr": "Sonucunuz, payın ‖grad‖₂ − ‖gradapprox‖₂ olmasıyla aynı; pay farkın normudur: "
              "‖grad − gradapprox‖₂.",
    },
    "hint.ignores_epsilon": {
        "en": "Your result matches ε written as 1e-7 (in the steps, the quotient or both) "
              "instead of the `epsilon` argument. Use `epsilon` everywhere.",
        "tr": "Sonucunuz, `epsilon` argümanı yerine ε'un 1e-7 olarak yazıldığı durumla aynı "
              "(θ'yı kaydırırken, 2ε'a bölerken ya da ikisinde de). Her yerde `epsilon` "
              "kullanın.",
    },
    "hint.perturb_x": {
        "en": "Your result matches comparing dJ/dθ = x with dJ/dx = θ: x is perturbed instead "
              "of θ, or x and θ are swapped in a call (x comes first).",
        "tr": "Sonucunuz, dJ/dθ = x'in dJ/dx = θ ile karşılaştırıldığı durumla aynı: θ yerine x "
              "kaydırılmış ya da bir çağrıda x ile θ'nın yeri değişmiş (önce x gelir).",
    },
    "hint.returned_gradient": {
        "en": "You returned a gradient (about dθ = x), not the relative difference of grad and "
              "gradapprox.",
        "tr": "Bir gradyan döndürdünüz (yaklaşık dθ = x); grad ile gradapprox'un bağıl farkını "
              "döndürmelisiniz.",
    },
    "hint.hard_coded": {
        "en": "You return a number from the lesson whatever the input: compute the difference "
              "instead of writing it into the code.",
        "tr": "Girdi ne olursa olsun dersteki bir sayıyı döndürüyorsunuz: bağıl farkı koda sabit "
              "yazmak yerine hesaplayın.",
    },
    "hint.use_helpers": {
        "en": "`gradient_check` calls functions that fail their own checks ({names}): fix them "
              "first.",
        "tr": "`gradient_check`, kendi kontrolünden geçmeyen fonksiyonları çağırıyor ({names}): "
              "önce onları düzeltin.",
    },
    "hint.not_usual": {
        "en": "This is not one of the usual mistakes. Compare your result with the expected "
              "one, then redo the lesson's example line by line, printing each value.",
        "tr": "Bu, olağan hatalardan biri değil. Sonucunuzu beklenenle karşılaştırın, sonra "
              "dersteki örneği her değeri yazdırarak satır satır yeniden yapın.",
    },
    "hint.above_one": {
        "en": "A relative difference lies in [0, 1] and yours is above 1: check the shapes of "
              "grad and gradapprox (both (n, 1)?) and the denominator.",
        "tr": "Bağıl fark [0, 1] aralığındadır, sizinki 1'in üzerinde: grad ile gradapprox'un "
              "boyutlarını (ikisi de (n, 1) mi?) ve paydayı kontrol edin.",
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
