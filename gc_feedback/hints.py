"""The plain-words hint for each usual mistake, in English and Turkish.

Keys are the mistake kinds of :mod:`gc_feedback.mistakes` (gradient checks),
of the 1-D forward and backward checks, and of a wrong block of
``backward_propagation_n``; a check shows the hint of the mistake that
explains every wrong value it saw.
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
    "hint.no_copy": {
        "en": "Your result matches perturbing θ in place without a copy: theta_plus and "
              "theta_minus are then the same array, J_minus is computed at θ instead of θ − ε, "
              "and a correct gradient gives about 0.333. Start both from "
              "`np.copy(parameters_values)`.",
        "tr": "Sonucunuz, θ kopyalanmadan yerinde değiştirildiğinde çıkan sonuçla aynı: o zaman "
              "theta_plus ile theta_minus aynı dizidir, J_minus θ − ε yerine θ'da hesaplanır ve "
              "doğru bir gradyan yaklaşık 0.333 verir. İkisini de "
              "`np.copy(parameters_values)` ile başlatın.",
    },
    "hint.minus_from_plus": {
        "en": "Your result matches taking θ − ε from θ + ε (theta_minus = theta_plus - epsilon): "
              "J_minus is then J(θ), not J(θ − ε). Write `theta_minus = theta - epsilon`.",
        "tr": "Sonucunuz, θ − ε değeri θ + ε'dan hesaplandığında (theta_minus = theta_plus - "
              "epsilon) çıkan sonuçla aynı: o zaman J_minus, J(θ − ε) değil J(θ) olur. "
              "`theta_minus = theta - epsilon` yazın.",
    },
    "hint.not_restored": {
        "en": "Your result matches perturbations that pile up: after entry i, θᵢ stays "
              "perturbed while you move on to the next entry. Take a fresh copy of θ for every "
              "i (or undo the change before moving on).",
        "tr": "Sonucunuz, değişiklikler birikince çıkan sonuçla aynı: i. eleman "
              "değiştirildikten sonra bir sonraki elemana geçildiğinde θᵢ eski değerine "
              "dönmüyor. Her i için θ'nın yeni bir kopyasını alın (ya da sonraki elemana "
              "geçmeden önce değişikliği geri alın).",
    },
    "hint.one_sided": {
        "en": "Your result matches a one-sided difference such as (J(θ + ε) − J(θ)) / ε. "
              "Use the centered difference (J(θ + ε) − J(θ − ε)) / (2ε): its error shrinks "
              "like ε² instead of ε.",
        "tr": "Sonucunuz, (J(θ + ε) − J(θ)) / ε gibi tek yönlü bir farkla (ileri fark) "
              "hesaplanan sonuçla aynı. Merkezi farkı kullanın: (J(θ + ε) − J(θ − ε)) / (2ε); "
              "hatası ε yerine ε² ile küçülür.",
    },
    "hint.l1": {
        "en": "Your result matches L1 norms (sums of absolute values). The difference uses "
              "L2 norms: `np.linalg.norm(...)`.",
        "tr": "Sonucunuz, L1 normlarıyla (mutlak değerlerin toplamıyla) hesaplanan sonuçla "
              "aynı. Bağıl fark L2 normunu kullanır: `np.linalg.norm(...)`.",
    },
    "hint.squared": {
        "en": "Your result matches squared L2 norms. `np.linalg.norm` already takes the "
              "square root: do not square it.",
        "tr": "Sonucunuz, L2 normlarının kareleriyle hesaplanan sonuçla aynı. "
              "`np.linalg.norm` karekökü zaten alır: sonucun karesini almayın.",
    },
    "hint.no_denominator": {
        "en": "Your result is ‖grad − gradapprox‖₂ alone. Divide it by "
              "‖grad‖₂ + ‖gradapprox‖₂ to get the relative difference.",
        "tr": "Sonucunuz yalnızca ‖grad − gradapprox‖₂. Bağıl farkı bulmak için bunu "
              "‖grad‖₂ + ‖gradapprox‖₂ değerine bölün.",
    },
    "hint.ignores_epsilon": {
        "en": "Your result does not change with `epsilon`, as if ε = 1e-7 were written into "
              "your code. Use the `epsilon` argument.",
        "tr": "Sonucunuz `epsilon` ile değişmiyor; sanki ε = 1e-7 kodunuza sabit olarak yazılmış. "
              "`epsilon` argümanını kullanın.",
    },
    "hint.perturb_x": {
        "en": "Your result matches perturbing x instead of θ: gradapprox then approximates "
              "dJ/dx = θ, not dJ/dθ = x. Perturb theta: `theta_plus = theta + epsilon`.",
        "tr": "Sonucunuz, θ yerine x değiştirildiğinde çıkan sonuçla aynı: o zaman gradapprox "
              "dJ/dθ = x'e değil dJ/dx = θ'ya yaklaşır. theta'yı değiştirin: "
              "`theta_plus = theta + epsilon`.",
    },
    "hint.returned_gradapprox": {
        "en": "You returned gradapprox, the numerical derivative; `gradient_check` returns "
              "the relative difference between grad and gradapprox.",
        "tr": "gradapprox'u, yani sayısal türevi döndürdünüz; `gradient_check`, grad ile "
              "gradapprox arasındaki bağıl farkı döndürür.",
    },
    "hint.use_helpers": {
        "en": "`gradient_check` computes J and dθ with your `forward_propagation` and "
              "`backward_propagation`: make sure their checks pass first.",
        "tr": "`gradient_check`, J ve dθ değerlerini sizin `forward_propagation` ve "
              "`backward_propagation` fonksiyonlarınızla hesaplar: önce onların kontrollerinin "
              "geçtiğinden emin olun.",
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
    "hint.block_factor": {
        "en": "{keys}: {factor} times the correct value on every input. Look for a stray "
              "factor where you compute it.",
        "tr": "{keys}: her girdide doğru değerin {factor} katı. Hesapladığınız satırda "
              "fazladan bir çarpan arayın.",
    },
    "hint.block_per_example": {
        "en": "{keys}: m times the correct value (m = number of examples, X.shape[1]). "
              "The factor 1/m is missing.",
        "tr": "{keys}: doğru değerin m katı (m = örnek sayısı, X.shape[1]). 1/m çarpanı eksik.",
    },
    "hint.block_fixed_m": {
        "en": "{keys}: right only when there are {m} examples. Take m from the data, "
              "`m = X.shape[1]`, instead of writing {m}.",
        "tr": "{keys}: yalnızca {m} örnek olduğunda doğru. m'yi {m} olarak yazmak yerine "
              "veriden alın: `m = X.shape[1]`.",
    },
    "hint.block_other": {
        "en": "{keys}: recompute with the chain rule, step by step from dZ3, and compare "
              "with the diagnosis table (`diagnose_gradients`).",
        "tr": "{keys}: zincir kuralıyla, dZ3'ten başlayarak adım adım yeniden hesaplayın ve "
              "tanı tablosuyla (`diagnose_gradients`) karşılaştırın.",
    },
})


def hint(kind):
    """Return the hint of one mistake kind as a :class:`Text`."""
    return Text(f"hint.{kind}")


def hints(*kinds):
    """Return ``{kind: Text("hint.<kind>")}`` for the given mistake kinds."""
    return {kind: hint(kind) for kind in kinds}
