/* Unit tests of language detection: real support sentences in English, German, French, Spanish,
 * Portuguese and Arabic, short texts, hints, and loading the fingerprints (Debian's
 * libexttextcat-data, /usr/share/libexttextcat). */
#include "test_support.h"

#include "text/text.h"

#include <stdio.h>
#include <string.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Written for these tests: what customers write to a support desk. */
static const char *const EN[] = {
    "I cannot log in to my account since yesterday and the password reset email never arrives.",
    "Our lawyers will file a claim if the invoice is not corrected by Friday.",
    "The whole dashboard is down for everyone in our office, nothing loads at all.",
    "Could you please send me a copy of the last three invoices for our records?",
    "Someone got into our admin account last night and created new API keys without permission.",
    "We are thinking about cancelling our subscription because support takes weeks to answer.",
    "The export to CSV stopped working after the latest update and we need the report today.",
    "My card was charged twice for the same order, please refund the duplicate payment.",
    "How do I add a new user to our team and give them access to the billing page?",
    "The mobile app crashes every time I try to upload a photo from the gallery.",
};

static const char *const DE[] = {
    "Ich kann mich seit gestern nicht mehr in mein Konto einloggen und die E-Mail kommt nie an.",
    "Unsere Anwälte werden Klage einreichen, wenn die Rechnung nicht bis Freitag korrigiert wird.",
    "Das gesamte System ist für alle in unserem Büro ausgefallen, nichts lädt mehr.",
    "Könnten Sie mir bitte eine Kopie der letzten drei Rechnungen für unsere Unterlagen schicken?",
    "Jemand hat sich letzte Nacht in unser Administratorkonto eingeloggt und neue Schlüssel "
    "erstellt.",
    "Wir überlegen, unser Abonnement zu kündigen, weil der Support wochenlang nicht antwortet.",
    "Der Export funktioniert seit dem letzten Update nicht mehr und wir brauchen den Bericht "
    "heute.",
    "Meine Karte wurde für dieselbe Bestellung zweimal belastet, bitte erstatten Sie die doppelte "
    "Zahlung.",
    "Wie füge ich einen neuen Benutzer zu unserem Team hinzu und gebe ihm Zugriff auf die "
    "Abrechnung?",
    "Die App stürzt jedes Mal ab, wenn ich versuche, ein Foto aus der Galerie hochzuladen.",
};

static const char *const FR[] = {
    "Je n'arrive plus à me connecter à mon compte depuis hier et l'e-mail de réinitialisation "
    "n'arrive jamais.",
    "Nos avocats vont porter plainte si la facture n'est pas corrigée avant vendredi.",
    "Toute la plateforme est en panne pour tout le monde dans nos bureaux, plus rien ne charge.",
    "Pourriez-vous m'envoyer une copie des trois dernières factures pour notre comptabilité ?",
    "Quelqu'un s'est introduit dans notre compte administrateur cette nuit et a créé de nouvelles "
    "clés.",
    "Nous envisageons de résilier notre abonnement parce que le support met des semaines à "
    "répondre.",
    "L'export ne fonctionne plus depuis la dernière mise à jour et nous avons besoin du rapport "
    "aujourd'hui.",
    "Ma carte a été débitée deux fois pour la même commande, merci de rembourser le paiement en "
    "double.",
    "Comment ajouter un nouvel utilisateur à notre équipe et lui donner accès à la facturation ?",
    "L'application plante à chaque fois que j'essaie de télécharger une photo depuis la galerie.",
};

static const char *const ES[] = {
    "No puedo iniciar sesión en mi cuenta desde ayer y el correo para restablecer la contraseña "
    "nunca llega.",
    "Nuestros abogados presentarán una demanda si la factura no se corrige antes del viernes.",
    "Toda la plataforma está caída para todos en nuestra oficina, no carga nada.",
    "¿Podrían enviarme una copia de las últimas tres facturas para nuestros registros?",
    "Alguien entró anoche en nuestra cuenta de administrador y creó nuevas claves de acceso.",
    "Estamos pensando en cancelar nuestra suscripción porque el soporte tarda semanas en "
    "responder.",
    "La exportación dejó de funcionar después de la última actualización y necesitamos el informe "
    "hoy.",
    "Me cobraron dos veces el mismo pedido en la tarjeta, por favor devuelvan el pago duplicado.",
    "¿Cómo agrego un nuevo usuario a nuestro equipo y le doy acceso a la página de facturación?",
    "La aplicación se cierra cada vez que intento subir una foto desde la galería.",
};

static const char *const PT[] = {
    "Não consigo entrar na minha conta desde ontem e o e-mail de redefinição de senha nunca chega.",
    "Nossos advogados vão entrar com uma ação se a fatura não for corrigida até sexta-feira.",
    "A plataforma inteira está fora do ar para todos no nosso escritório, nada carrega.",
    "Vocês poderiam me enviar uma cópia das três últimas faturas para os nossos registros?",
    "Alguém invadiu nossa conta de administrador ontem à noite e criou novas chaves de acesso.",
    "Estamos pensando em cancelar a nossa assinatura porque o suporte demora semanas para "
    "responder.",
    "A exportação parou de funcionar depois da última atualização e precisamos do relatório hoje.",
    "Meu cartão foi cobrado duas vezes pelo mesmo pedido, por favor estornem o pagamento "
    "duplicado.",
    "Como adiciono um novo usuário à nossa equipe e dou acesso à página de cobrança?",
    "O aplicativo fecha toda vez que tento enviar uma foto da galeria.",
};

static const char *const AR[] = {
    "لا أستطيع تسجيل الدخول إلى حسابي منذ الأمس ولا تصل رسالة إعادة تعيين كلمة المرور.",
    "سيقوم محامونا برفع دعوى إذا لم يتم تصحيح الفاتورة قبل يوم الجمعة.",
    "المنصة بأكملها معطلة لجميع الموظفين في مكتبنا ولا يتم تحميل أي شيء.",
    "هل يمكنكم إرسال نسخة من آخر ثلاث فواتير لسجلاتنا من فضلكم؟",
    "نفكر في إلغاء اشتراكنا لأن الدعم يستغرق أسابيع للرد على رسائلنا.",
    "تم خصم المبلغ من بطاقتي مرتين لنفس الطلب، أرجو استرداد الدفعة المكررة.",
    "التطبيق يتوقف عن العمل في كل مرة أحاول فيها رفع صورة من المعرض.",
    "كيف يمكنني إضافة مستخدم جديد إلى فريقنا ومنحه صلاحية الوصول إلى صفحة الفواتير؟",
};

struct fixture {
    text_langid *lid;
    text_analyzer *az;
};

static int setup_langs(void **state, const char *const *langs, size_t n)
{
    struct fixture *f = test_malloc(sizeof(*f));
    char err[256] = "";
    f->lid = text_langid_new(NULL, langs, n, err, sizeof(err));
    f->az = f->lid ? text_analyzer_new(NULL, 0, f->lid, err, sizeof(err)) : NULL;
    if (!f->az) {
        fprintf(stderr, "setup: %s\n", err);
        text_langid_free(f->lid);
        test_free(f);
        return -1;
    }
    *state = f;
    return 0;
}

/* The languages a support desk would list: TEXT_LANGS_COMMON. */
static int setup_common(void **state)
{
    static const char *const langs[] = {TEXT_LANGS_COMMON};
    return setup_langs(state, langs, N_OF(langs));
}

/* Every fingerprint libexttextcat ships, about 160 languages. */
static int setup_all(void **state)
{
    return setup_langs(state, NULL, 0);
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    text_analyzer_free(f->az);
    text_langid_free(f->lid);
    test_free(f);
    return 0;
}

static struct text_language detect(struct fixture *f, const char *text, const char *hint)
{
    struct text_language lang;
    assert_int_equal(text_detect_language(f->az, text, strlen(text), hint, &lang), 0);
    return lang;
}

static void expect_all(struct fixture *f, const char *const *texts, size_t n, const char *want)
{
    for (size_t i = 0; i < n; i++) {
        struct text_language lang = detect(f, texts[i], NULL);
        if (strcmp(lang.tag, want) != 0)
            fail_msg("\"%s\": want %s, got %s (candidates %zu, margin %.3f)", texts[i], want,
                     lang.tag, lang.n_candidates, lang.margin);
        assert_false(lang.too_short);
        assert_true(lang.confidence > 0.0 && lang.confidence <= 1.0);
    }
}

static void test_detects_english(void **state)
{
    expect_all(*state, EN, N_OF(EN), "en");
}

static void test_detects_german(void **state)
{
    expect_all(*state, DE, N_OF(DE), "de");
}

static void test_detects_french(void **state)
{
    expect_all(*state, FR, N_OF(FR), "fr");
}

static void test_detects_spanish(void **state)
{
    expect_all(*state, ES, N_OF(ES), "es");
}

static void test_detects_portuguese(void **state)
{
    expect_all(*state, PT, N_OF(PT), "pt");
}

static void test_detects_arabic(void **state)
{
    expect_all(*state, AR, N_OF(AR), "ar");
}

/* The ticket of issue 12: an Arabic text from a German customer is Arabic, hint or not, even
 * among all ~160 languages. */
static void test_arabic_from_a_german_customer_is_not_german(void **state)
{
    struct fixture *f = *state;
    for (size_t i = 0; i < N_OF(AR); i++) {
        struct text_language lang = detect(f, AR[i], "de");
        assert_string_equal(lang.tag, "ar");
        assert_false(lang.from_hint);
    }
}

static void test_capitals_read_like_lowercase(void **state)
{
    struct fixture *f = *state;
    struct text_language lang = detect(f, "NÃO CONSIGO ENTRAR NA MINHA CONTA DESDE ONTEM", NULL);
    assert_string_equal(lang.tag, "pt");
    lang = detect(f, "ICH KANN MICH SEIT GESTERN NICHT MEHR EINLOGGEN", NULL);
    assert_string_equal(lang.tag, "de");
}

static void test_short_text_is_unknown(void **state)
{
    struct fixture *f = *state;
    const char *const shorts[] = {"Help!", "NÃO FUNCIONA o sistema", "Error E-1042 0x80070005",
                                  "12345 67890 12345 67890 12345", ""};
    for (size_t i = 0; i < N_OF(shorts); i++) {
        struct text_language lang = detect(f, shorts[i], "pt");
        assert_string_equal(lang.tag, TEXT_LANG_UNKNOWN);
        assert_true(lang.too_short);
        assert_true(lang.n_letters < TEXT_DETECT_MIN_LETTERS);
        assert_true(lang.confidence == 0.0);
        assert_int_equal(lang.n_candidates, 0);
    }
    /* One more word and it can be told. */
    struct text_language lang = detect(f, "NÃO FUNCIONA o sistema desde ontem", NULL);
    assert_string_equal(lang.tag, "pt");
}

static void test_hint_breaks_a_close_call(void **state)
{
    struct fixture *f = *state;
    const char *text = "el sistema no funciona desde ayer";
    struct text_language lang = detect(f, text, NULL);
    assert_true(lang.ambiguous);
    assert_true(lang.n_candidates >= 2);
    bool es_close = false;
    for (size_t i = 0; i < lang.n_candidates; i++)
        es_close |= strcmp(lang.candidates[i], "es") == 0;
    assert_true(es_close);
    lang = detect(f, text, "es-MX");
    assert_string_equal(lang.tag, "es");
    assert_true(lang.from_hint || strcmp(lang.candidates[0], "es") == 0);
    /* A clear text ignores a hint that is not close. */
    lang = detect(f, DE[0], "pt");
    assert_string_equal(lang.tag, "de");
    assert_false(lang.from_hint);
    assert_false(lang.ambiguous);
    assert_true(lang.confidence >= 0.5);
}

static void test_only_the_window_is_read(void **state)
{
    struct fixture *f = *state;
    char text[4 * TEXT_DETECT_WINDOW_BYTES];
    size_t used = 0;
    while (used + strlen(FR[2]) + 2 < TEXT_DETECT_WINDOW_BYTES) /* French first, */
        used += (size_t)snprintf(text + used, sizeof(text) - used, "%s ", FR[2]);
    while (used + strlen(EN[2]) + 2 < sizeof(text)) /* then English to the end */
        used += (size_t)snprintf(text + used, sizeof(text) - used, "%s ", EN[2]);
    struct text_language lang;
    assert_int_equal(text_detect_language(f->az, text, used, NULL, &lang), 0);
    assert_string_equal(lang.tag, "fr");
}

static void test_text_is_read_further_when_its_start_tells_nothing(void **state)
{
    struct fixture *f = *state;
    char text[TEXT_DETECT_WINDOW_BYTES];
    size_t used = 0;
    while (used < TEXT_DETECT_WINDOW_BYTES / 2) /* a log excerpt: digits, no letters */
        used += (size_t)snprintf(text + used, sizeof(text) - used, "%s", "2024-05-01 12:00:03 ");
    used += (size_t)snprintf(text + used, sizeof(text) - used, "%s", DE[6]);
    struct text_language lang;
    assert_int_equal(text_detect_language(f->az, text, used, NULL, &lang), 0);
    assert_string_equal(lang.tag, "de");
    assert_false(lang.too_short);
}

static void test_langid_lists_and_rejects_languages(void **state)
{
    (void)state;
    char err[256] = "";
    const char *bad[] = {"en", "xx"};
    assert_null(text_langid_new(NULL, bad, 2, err, sizeof(err)));
    assert_non_null(strstr(err, "xx"));
    assert_null(text_langid_new("/nonexistent", NULL, 0, err, sizeof(err)));
    assert_non_null(strstr(err, "/nonexistent"));
    const char *two[] = {"pt-BR", "zh"};
    text_langid *lid = text_langid_new(NULL, two, 2, err, sizeof(err));
    assert_non_null(lid);
    assert_int_equal(text_langid_n_languages(lid), 2); /* zh-CN and zh-TW are one tag */
    assert_string_equal(text_langid_language(lid, 0), "zh");
    assert_string_equal(text_langid_language(lid, 1), "pt");
    assert_null(text_langid_language(lid, 2));
    text_langid_free(lid);
    text_langid_free(NULL);
}

static void test_detection_needs_a_langid(void **state)
{
    (void)state;
    char err[256];
    text_analyzer *az = text_analyzer_new(NULL, 0, NULL, err, sizeof(err));
    assert_non_null(az);
    struct text_language lang;
    assert_int_equal(text_detect_language(az, "hello", 5, NULL, &lang), TR_EINVAL);
    text_analyzer_free(az);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_detects_english, setup_common, teardown),
        cmocka_unit_test_setup_teardown(test_detects_german, setup_common, teardown),
        cmocka_unit_test_setup_teardown(test_detects_french, setup_common, teardown),
        cmocka_unit_test_setup_teardown(test_detects_spanish, setup_common, teardown),
        cmocka_unit_test_setup_teardown(test_detects_portuguese, setup_common, teardown),
        cmocka_unit_test_setup_teardown(test_detects_arabic, setup_common, teardown),
        cmocka_unit_test_setup_teardown(test_arabic_from_a_german_customer_is_not_german, setup_all,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_capitals_read_like_lowercase, setup_common, teardown),
        cmocka_unit_test_setup_teardown(test_short_text_is_unknown, setup_common, teardown),
        cmocka_unit_test_setup_teardown(test_hint_breaks_a_close_call, setup_common, teardown),
        cmocka_unit_test_setup_teardown(test_only_the_window_is_read, setup_common, teardown),
        cmocka_unit_test_setup_teardown(test_text_is_read_further_when_its_start_tells_nothing,
                                        setup_common, teardown),
        cmocka_unit_test(test_langid_lists_and_rejects_languages),
        cmocka_unit_test(test_detection_needs_a_langid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
