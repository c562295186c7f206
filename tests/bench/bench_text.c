/* bench_text: the text module on ~500-byte support tickets in English, German, French, Spanish
 * and Portuguese, one ticket per call on one thread: folding alone, analysis (fold, tokens,
 * stems), language detection over 6, TEXT_LANGS_COMMON or all fingerprints, detection followed by
 * analysis in the detected language (the module's whole per-ticket path), and matching 100
 * compiled phrases one by one and as a set. Rates are per second of this thread's CPU time (time
 * spent waiting for a CPU on a shared machine is not counted), median and range over BENCH_ROUNDS
 * rounds (default 5) of BENCH_BLOCK_MS of CPU time each (default 200). Prints figures, not
 * verdicts. build-bench/tests/bench_text */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/text.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_ROUNDS 25

static const char *const TICKETS[] = {
    "Hello team,\n\nafter this morning's password reset I cannot log in any more. The login page "
    "says my session expired and then shows error E-1042. We have a client demo at 3pm and are "
    "losing money every hour this isn't working. I tried Chrome and Firefox, cleared the cookies "
    "and reset the password again, with the same result. Our admin is on holiday. Could you "
    "please look into it urgently? The account is the one of our finance team, we use it for the "
    "monthly invoices and the export to our accounting software.\n\nThanks,\nMaria Silva\n",
    "Guten Tag,\n\nseit dem Update von gestern Abend funktioniert der Export unserer Rechnungen "
    "nicht mehr. Beim Klick auf \"Exportieren\" erscheint nur der Fehler 0x80070005 und danach "
    "passiert nichts. Wir brauchen die Daten dringend für den Monatsabschluss, unsere "
    "Buchhaltung wartet schon. Wir haben es mit zwei verschiedenen Benutzern und Browsern "
    "versucht. Bitte melden Sie sich so schnell wie möglich, sonst müssen wir über eine "
    "Kündigung nachdenken.\n\nMit freundlichen Grüßen\nJürgen Weiß\nLeiter Finanzen\n",
    "Bonjour,\n\ndepuis ce matin, aucun de nos collaborateurs n'arrive à se connecter à la "
    "plateforme : la page reste blanche puis affiche une erreur HTTP 503. C'est très urgent, "
    "nos clients attendent leurs devis et nous perdons des ventes. Nous avons vidé le cache et "
    "essayé sur plusieurs postes, sans succès. Pourriez-vous nous dire si le service est en "
    "panne et quand il sera rétabli ? Notre avocat nous demande aussi une copie du contrat.\n\n"
    "Cordialement,\nCamille Lefèvre\nResponsable commerciale\n",
    "Hola,\n\nles escribo porque desde ayer no podemos acceder a los informes del panel. Cada vez "
    "que abrimos la página aparece un mensaje de error y la sesión se cierra. Ya probamos con "
    "otros navegadores y con otra red, pero el problema sigue igual. Es urgente porque el "
    "viernes tenemos que presentar los resultados al comité. Además, nos cobraron dos veces la "
    "última factura y necesitamos el reembolso del pago duplicado.\n\nMuchas gracias,\n"
    "Lucía Fernández\nDirectora de operaciones\n",
    "Olá,\n\ndesde ontem o painel não funciona e não consigo acessar os relatórios de vendas. A "
    "página fica carregando e depois mostra o erro ERR_CONNECTION_REFUSED. Já tentamos limpar o "
    "cache, usar outro navegador e outro computador, mas nada funciona. Estamos perdendo vendas "
    "e o gerente está furioso. Por favor, verifiquem com urgência. Se não for resolvido hoje, "
    "vamos cancelar a assinatura e os nossos advogados vão analisar o contrato.\n\nObrigado,\n"
    "João Pereira\nGerente comercial\n",
};

static const char *const LANGS[] = {"en", "de", "fr", "es", "pt"}; /* of TICKETS */

static const char *const PHRASES[] = {
    "urgent",
    "asap",
    "as soon as possible",
    "can't log in",
    "cannot access",
    "not working",
    "doesn't work",
    "losing money",
    "down",
    "outage",
    "error",
    "crash",
    "blank page",
    "lawyer",
    "legal action",
    "file a claim",
    "sue",
    "court",
    "refund",
    "charged twice",
    "cancel",
    "unsubscribe",
    "switch provider",
    "security",
    "hacked",
    "breach",
    "leak",
    "api key",
    "password",
    "phishing",
    "invoice",
    "export",
    "report",
    "session",
    "timeout",
    "E-1042",
    "0x80070005",
    "HTTP 503",
    "ERR_CONNECTION_REFUSED",
    "dringend",
    "funktioniert nicht",
    "Kündigung",
    "Anwalt",
    "Rechnung",
    "Fehler",
    "Ausfall",
    "sofort",
    "Datenleck",
    "gehackt",
    "urgent",
    "ne fonctionne pas",
    "en panne",
    "avocat",
    "plainte",
    "remboursement",
    "résilier",
    "facture",
    "piraté",
    "fuite de données",
    "urgente",
    "no funciona",
    "caído",
    "abogado",
    "demanda",
    "reembolso",
    "cancelar",
    "factura",
    "hackeado",
    "cobro duplicado",
    "urgência",
    "não funciona",
    "fora do ar",
    "advogado",
    "processo",
    "estorno",
    "cancelar assinatura",
    "fatura",
    "invadido",
    "vazamento",
    "help",
    "please",
    "thanks",
    "account",
    "dashboard",
    "browser",
    "cache",
    "client demo",
    "board meeting",
    "admin",
    "holiday",
    "finance team",
    "accounting",
    "monthly",
    "contract",
    "vendas",
    "gerente",
    "relatórios",
    "informes",
    "resultados",
};

static double cpu_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

enum stage { FOLD, ANALYZE, DETECT, DETECT_ANALYZE, MATCH, MATCH_SET };

/* The analyzers: without detection, and detecting among 6, TEXT_LANGS_COMMON or all languages. */
enum { AZ_PLAIN, AZ_SIX, AZ_COMMON, AZ_ALL, N_AZ };

struct ctx {
    text_langid *lid[N_AZ];
    text_analyzer *az[N_AZ];
    text_doc *doc;
    text_doc *analysed[N_OF(TICKETS)]; /* for the MATCH rows: analysed once, outside the timing */
    text_phrase *phrases[N_OF(PHRASES)];
    text_phrase_set *set;
    bool hit[N_OF(PHRASES)];
    long matched; /* keeps the matching from being optimised away */
};

static const struct row {
    const char *name;
    enum stage stage;
    int az;
} ROWS[] = {
    {"normalize (fold only)", FOLD, AZ_PLAIN},
    {"analyze (fold, tokens, stems)", ANALYZE, AZ_PLAIN},
    {"detect, 6 languages", DETECT, AZ_SIX},
    {"detect, TEXT_LANGS_COMMON (45)", DETECT, AZ_COMMON},
    {"detect, all fingerprints (160)", DETECT, AZ_ALL},
    {"detect (6) + analyze", DETECT_ANALYZE, AZ_SIX},
    {"detect (TEXT_LANGS_COMMON) + analyze", DETECT_ANALYZE, AZ_COMMON},
    {"detect (all) + analyze", DETECT_ANALYZE, AZ_ALL},
    {"match 100 phrases one by one", MATCH, AZ_PLAIN},
    {"match 100 phrases as a text_phrase_set", MATCH_SET, AZ_PLAIN},
};

/* Ticket i through a row; returns non-zero on an error. */
static int run(struct ctx *c, const struct row *row, size_t i)
{
    const char *t = TICKETS[i];
    size_t len = strlen(t), out_len;
    char out[4096];
    text_analyzer *az = c->az[row->az];
    struct text_language lang;
    switch (row->stage) {
    case FOLD:
        return text_normalize(t, len, out, sizeof(out), &out_len);
    case ANALYZE:
        return text_analyze(az, LANGS[i], t, len, c->doc);
    case DETECT:
        return text_detect_language(az, t, len, NULL, &lang);
    case DETECT_ANALYZE:
        if (text_detect_language(az, t, len, NULL, &lang))
            return 1;
        return text_analyze(az, lang.tag, t, len, c->doc);
    case MATCH:
        for (size_t k = 0; k < N_OF(PHRASES); k++)
            c->matched += text_phrase_match(c->phrases[k], c->analysed[i]);
        return 0;
    case MATCH_SET:
        c->matched += (long)text_phrase_set_match(c->set, c->analysed[i], c->hit);
        return 0;
    }
    return 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* One block of a row: tickets per second of CPU time, or a negative number on an error. */
static double block(struct ctx *c, const struct row *row, double block_s)
{
    long n = 0;
    double t0 = cpu_s(), t;
    do {
        for (size_t i = 0; i < N_OF(TICKETS); i++, n++)
            if (run(c, row, i))
                return -1;
        t = cpu_s() - t0;
    } while (t < block_s);
    return (double)n / t;
}

static int env_int(const char *name, int fallback, int lo, int hi)
{
    const char *v = getenv(name);
    int n = v ? atoi(v) : fallback;
    return n < lo ? lo : n > hi ? hi : n;
}

static int setup(struct ctx *c)
{
    static const char *const six[] = {"en", "de", "fr", "es", "pt", "ar"};
    static const char *const common[] = {TEXT_LANGS_COMMON};
    const char *const *langs[N_AZ] = {NULL, six, common, NULL};
    const size_t n_langs[N_AZ] = {0, N_OF(six), N_OF(common), 0};
    char err[256] = "";
    for (int a = 0; a < N_AZ; a++)
        if ((a != AZ_PLAIN &&
             !(c->lid[a] = text_langid_new(NULL, langs[a], n_langs[a], err, sizeof(err)))) ||
            !(c->az[a] = text_analyzer_new(NULL, 0, c->lid[a], err, sizeof(err))))
            goto fail;
    if (!(c->doc = text_doc_new()))
        goto fail;
    for (size_t i = 0; i < N_OF(TICKETS); i++)
        if (!(c->analysed[i] = text_doc_new()) ||
            text_analyze(c->az[AZ_PLAIN], LANGS[i], TICKETS[i], strlen(TICKETS[i]), c->analysed[i]))
            goto fail;
    for (size_t k = 0; k < N_OF(PHRASES); k++)
        if (!(c->phrases[k] = text_phrase_new(c->az[AZ_PLAIN], PHRASES[k], strlen(PHRASES[k]),
                                              TEXT_MATCH_STEM, err, sizeof(err))))
            goto fail;
    c->set = text_phrase_set_new((const text_phrase *const *)c->phrases, N_OF(PHRASES), err,
                                 sizeof(err));
    if (c->set)
        return 0;
fail:
    fprintf(stderr, "bench_text: setup failed: %s\n", err[0] ? err : "out of memory");
    return 1;
}

static void teardown(struct ctx *c)
{
    for (size_t i = 0; i < N_OF(TICKETS); i++)
        text_doc_free(c->analysed[i]);
    for (size_t k = 0; k < N_OF(PHRASES); k++)
        text_phrase_free(c->phrases[k]);
    text_phrase_set_free(c->set);
    text_doc_free(c->doc);
    for (int a = 0; a < N_AZ; a++) {
        text_analyzer_free(c->az[a]);
        text_langid_free(c->lid[a]);
    }
}

static void report(struct ctx *c, double rate[][MAX_ROUNDS], int rounds)
{
    for (size_t k = 0; k < N_OF(ROWS); k++) {
        qsort(rate[k], (size_t)rounds, sizeof(rate[k][0]), cmp_double);
        double med = rate[k][rounds / 2];
        printf("%-40s %9.0f tickets/s %7.2f us/ticket  (%.0f-%.0f)\n", ROWS[k].name, med, 1e6 / med,
               rate[k][0], rate[k][rounds - 1]);
    }
    size_t hits = 0;
    for (size_t i = 0; i < N_OF(TICKETS); i++)
        for (size_t k = 0; k < N_OF(PHRASES); k++)
            hits += text_phrase_match(c->phrases[k], c->analysed[i]);
    printf("(of the 100 phrases, %.1f match a ticket on average)\n", (double)hits / N_OF(TICKETS));
}

int main(void)
{
    int rounds = env_int("BENCH_ROUNDS", 15, 1, MAX_ROUNDS);
    double block_s = env_int("BENCH_BLOCK_MS", 60, 5, 10000) / 1000.0;
    static double rate[N_OF(ROWS)][MAX_ROUNDS];
    struct ctx c = {0};
    size_t bytes = 0;
    for (size_t i = 0; i < N_OF(TICKETS); i++)
        bytes += strlen(TICKETS[i]);
    printf("bench_text: %zu tickets of %zu bytes on average (en de fr es pt), one per call, one "
           "thread;\nper second of CPU time, median (min-max) of %d rounds taken in turns\n",
           N_OF(TICKETS), bytes / N_OF(TICKETS), rounds);
    int rc = setup(&c);
    for (int r = 0; !rc && r < rounds; r++)
        for (size_t k = 0; !rc && k < N_OF(ROWS); k++)
            rc = (rate[k][r] = block(&c, &ROWS[k], block_s)) < 0;
    if (!rc)
        report(&c, rate, rounds);
    teardown(&c);
    if (rc)
        fprintf(stderr, "bench_text: failed\n");
    return rc;
}
