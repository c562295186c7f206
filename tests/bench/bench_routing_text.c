/* bench_routing_text: the cost per ticket of the decision's text matching (rule keywords, urgency
 * and outage phrases) on the raw text (before the text module) against compiled phrases on the
 * text module's analysis, in the same run: the demo organisation's 13 keyword rules (161
 * keywords), the default urgency weights (39 phrases) and the built-in outage phrases, on five
 * ~500-byte tickets (en de fr es pt). Rows:
 *   raw       route_decide_full without route_input.text (urgency.c's lexer, strcasestr keywords)
 *   compiled  route_decide_full with the ticket analysed beforehand (analysis not timed)
 *   analyse + compiled   the same with the analysis of subject and body timed (the whole cost)
 *   floor     route_decide_full without rules and weights: what is not text matching
 * One thread, rates per second of its CPU time, median (min-max) of BENCH_ROUNDS rounds (default
 * 15) of BENCH_BLOCK_MS each (default 60), rows taken in turns. Figures, not verdicts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "routing/routing.h"
#include "text/text.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_ROUNDS 25

/* Subject, body, language: the tickets of bench_text. */
static const char *const TICKETS[][3] = {
    {"Can't log in since the password reset",
     "Hello team,\n\nafter this morning's password reset I cannot log in any more. The login page "
     "says my session expired and then shows error E-1042. We have a client demo at 3pm and are "
     "losing money every hour this isn't working. I tried Chrome and Firefox, cleared the cookies "
     "and reset the password again, with the same result. Our admin is on holiday. Could you "
     "please look into it urgently?\n\nThanks,\nMaria Silva\n",
     "en"},
    {"Export funktioniert nicht",
     "Guten Tag,\n\nseit dem Update von gestern Abend funktioniert der Export unserer Rechnungen "
     "nicht mehr. Beim Klick auf \"Exportieren\" erscheint nur der Fehler 0x80070005 und danach "
     "passiert nichts. Wir brauchen die Daten dringend für den Monatsabschluss. Bitte melden Sie "
     "sich so schnell wie möglich, sonst müssen wir über eine Kündigung nachdenken.\n\nJürgen\n",
     "de"},
    {"Plateforme inaccessible",
     "Bonjour,\n\ndepuis ce matin, aucun de nos collaborateurs n'arrive à se connecter à la "
     "plateforme : la page reste blanche puis affiche une erreur HTTP 503. C'est très urgent, "
     "nos clients attendent leurs devis. Pourriez-vous nous dire si le service est en panne ? "
     "Notre avocat nous demande aussi une copie du contrat.\n\nCamille Lefèvre\n",
     "fr"},
    {"No podemos acceder a los informes",
     "Hola,\n\nles escribo porque desde ayer no podemos acceder a los informes del panel. Cada vez "
     "que abrimos la página aparece un mensaje de error y la sesión se cierra. Es urgente. "
     "Además, nos cobraron dos veces la última factura y necesitamos el reembolso del pago "
     "duplicado.\n\nLucía Fernández\n",
     "es"},
    {"URGENTE: o painel não funciona",
     "Olá,\n\ndesde ontem o painel não funciona e não consigo acessar os relatórios de vendas. A "
     "página fica carregando e depois mostra o erro ERR_CONNECTION_REFUSED. Estamos perdendo "
     "vendas. Se não for resolvido hoje, vamos cancelar a assinatura e os nossos advogados vão "
     "analisar o contrato.\n\nJoão Pereira\n",
     "pt"},
};

/* deploy/seed/demo.sql's keyword rules (names shortened). */
static const char *const RULE_KEYWORDS[][17] = {
    {"breach", "data leak", "leaked", "hacked", "ransomware"},
    {"phishing", "suspicious login", "unauthorized access", "unauthorised access", "vulnerability",
     "compromised", "malware", "datenleck", "fuite de données"},
    {"cancel my subscription", "cancel our subscription", "cancel my plan", "cancel our contract",
     "terminate our contract", "switching to", "moving to a competitor", "kündigen", "kündigung",
     "résilier", "résiliation", "cancelar mi suscripción", "cancelar a assinatura"},
    {"refund", "money back", "chargeback", "reimburse", "rückerstattung", "geld zurück",
     "remboursement", "rembourser", "reembolso", "devolución"},
    {"invoice", "charged twice", "double charge", "billing", "payment failed", "credit card",
     "receipt", "vat number", "pricing", "rechnung", "abbuchung", "facture", "prélèvement",
     "factura", "cobro", "fatura"},
    {"can't log in", "cannot log in", "unable to log in", "login", "password reset", "locked out",
     "sso", "saml", "2fa", "two-factor", "anmelden", "connexion", "mot de passe", "iniciar sesión",
     "contraseña", "senha"},
    {"change email", "change the email", "account owner", "transfer ownership", "add user",
     "remove user", "add a user", "seats", "permissions", "user roles", "delete my account",
     "gdpr export", "konto", "compte", "cuenta", "minha conta"},
    {"webhook", "zapier", "salesforce", "hubspot", "slack integration", "jira integration",
     "integration", "oauth app", "not syncing", "sync fails", "sync issue", "integración",
     "intégration", "integração"},
    {"feature request", "would be great if", "would be nice", "please add", "suggestion", "roadmap",
     "wishlist", "funktionswunsch", "suggestion de fonctionnalité", "sugerencia"},
    {"bug", "crash", "crashes", "error 500", "500 error", "stack trace", "exception", "regression",
     "broken", "fehler", "absturz", "plantage", "error al"},
    {"timeout", "timed out", "latency", "slow", "outage", "is down", "api", "rate limit", "dns",
     "ssl", "certificate", "not loading", "sehr langsam", "très lent", "muy lento"},
    {"question", "partnership", "press inquiry", "training", "documentation", "frage", "demande",
     "pregunta", "pergunta"},
    {"lawyer", "legal action", "lawsuit", "sue you", "attorney", "solicitor", "small claims",
     "anwalt", "rechtliche schritte", "avocat", "poursuites", "abogado", "demanda", "advogado",
     "processo judicial"},
};

enum mode { RAW, COMPILED, ANALYSE_COMPILED, FLOOR, N_MODES };
static const char *const MODE_NAMES[] = {"raw text (before)", "compiled phrases, analysed text",
                                         "analyse + compiled phrases (after)",
                                         "floor: no rules, no weights"};

struct bench {
    struct route_rule rules[N_OF(RULE_KEYWORDS)];
    struct policy policy, empty;
    struct urgency_weights weights;
    struct ticket tickets[N_OF(TICKETS)];
    text_analyzer *az;
    route_phrases *phrases;
    text_doc *subject[N_OF(TICKETS)], *body[N_OF(TICKETS)];
    struct route_output out;
    long sink;
    double compile_ms; /* analyzer and phrases, once per context load */
};

static double cpu_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int decide(struct bench *b, enum mode mode, size_t i)
{
    struct route_text text = {b->subject[i], b->body[i], b->phrases};
    struct route_input in = {
        .ticket = &b->tickets[i],
        .policy = mode == FLOOR ? &b->empty : &b->policy,
        .weights = mode == FLOOR ? NULL : &b->weights,
        .now_unix_ms = INT64_C(1700000000000),
        .text = mode == COMPILED || mode == ANALYSE_COMPILED ? &text : NULL,
    };
    if (mode == ANALYSE_COMPILED &&
        route_text_analyze(b->az, TICKETS[i][2], &b->tickets[i], b->subject[i], b->body[i]))
        return 1;
    if (route_decide_full(&in, &b->out))
        return 1;
    b->sink += (long)b->out.decision.rules_fired.n + (long)b->out.urgency.score;
    return 0;
}

static double block(struct bench *b, enum mode mode, double block_s)
{
    long n = 0;
    double t0 = cpu_s(), t;
    do {
        for (size_t i = 0; i < N_OF(TICKETS); i++, n++)
            if (decide(b, mode, i))
                return -1;
        t = cpu_s() - t0;
    } while (t < block_s);
    return (double)n / t;
}

static int setup(struct bench *b, size_t *n_keywords)
{
    char err[256] = "";
    static const struct team_info teams[] = {{.team = "triage", .queue = "triage"}};
    for (size_t r = 0; r < N_OF(RULE_KEYWORDS); r++) {
        snprintf(b->rules[r].name, sizeof(b->rules[r].name), "rule-%zu", r);
        b->rules[r].position = (int)r;
        for (size_t k = 0; k < N_OF(RULE_KEYWORDS[r]) && RULE_KEYWORDS[r][k]; k++, (*n_keywords)++)
            tr_strlcpy(b->rules[r].keywords[b->rules[r].n_keywords++], RULE_KEYWORDS[r][k],
                       TR_NAME_MAX);
    }
    b->policy = (struct policy){.rules = b->rules,
                                .n_rules = N_OF(RULE_KEYWORDS),
                                .teams = teams,
                                .n_teams = 1,
                                .confidence_threshold = 0.7,
                                .triage_team = "triage",
                                .triage_queue = "triage",
                                .senior_queue = "senior",
                                .default_team = "triage"};
    b->empty = b->policy;
    b->empty.rules = NULL;
    b->empty.n_rules = 0;
    urgency_weights_default(&b->weights);
    for (size_t i = 0; i < N_OF(TICKETS); i++) {
        snprintf(b->tickets[i].ticket_id, sizeof(b->tickets[i].ticket_id), "T-%zu", i);
        tr_strlcpy(b->tickets[i].language, TICKETS[i][2], sizeof(b->tickets[i].language));
        b->tickets[i].subject = (char *)TICKETS[i][0]; /* only read */
        b->tickets[i].body = (char *)TICKETS[i][1];
        if (!(b->subject[i] = text_doc_new()) || !(b->body[i] = text_doc_new()))
            return 1;
    }
    /* As a context load does: an analyzer of every Snowball language, then the phrases. */
    double t0 = cpu_s();
    if (!(b->az = text_analyzer_new(NULL, 0, NULL, err, sizeof(err))) ||
        !(b->phrases = route_phrases_new(b->az, &b->policy, &b->weights, NULL, err, sizeof(err)))) {
        fprintf(stderr, "bench_routing_text: %s\n", err);
        return 1;
    }
    b->compile_ms = (cpu_s() - t0) * 1e3;
    for (size_t i = 0; i < N_OF(TICKETS); i++)
        if (route_text_analyze(b->az, TICKETS[i][2], &b->tickets[i], b->subject[i], b->body[i]))
            return 1;
    return 0;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, c = *(const double *)y;
    return a < c ? -1 : a > c;
}

static int env_int(const char *name, int fallback, int lo, int hi)
{
    const char *v = getenv(name);
    int n = v ? atoi(v) : fallback;
    return n < lo ? lo : n > hi ? hi : n;
}

int main(void)
{
    static struct bench b;
    static double rate[N_MODES][MAX_ROUNDS];
    int rounds = env_int("BENCH_ROUNDS", 15, 1, MAX_ROUNDS);
    double block_s = env_int("BENCH_BLOCK_MS", 60, 5, 10000) / 1000.0;
    size_t n_keywords = 0;
    int rc = setup(&b, &n_keywords);
    printf("bench_routing_text: %zu rules (%zu keywords), %zu urgency phrases, built-in outage "
           "phrases;\n%zu tickets (en de fr es pt), one thread, per second of CPU time, median "
           "(min-max) of %d rounds\n",
           N_OF(RULE_KEYWORDS), n_keywords, b.weights.n_phrases, N_OF(TICKETS), rounds);
    for (int r = 0; !rc && r < rounds; r++)
        for (int m = 0; !rc && m < N_MODES; m++)
            rc = (rate[m][r] = block(&b, (enum mode)m, block_s)) < 0;
    double med[N_MODES] = {0};
    for (int m = 0; !rc && m < N_MODES; m++) {
        qsort(rate[m], (size_t)rounds, sizeof(rate[m][0]), cmp_double);
        med[m] = rate[m][rounds / 2];
        printf("decide, %-36s %9.0f tickets/s %7.2f us/ticket  (%.0f-%.0f)\n", MODE_NAMES[m],
               med[m], 1e6 / med[m], rate[m][0], rate[m][rounds - 1]);
    }
    if (!rc) {
        double floor_us = 1e6 / med[FLOOR];
        double raw = 1e6 / med[RAW] - floor_us, compiled = 1e6 / med[COMPILED] - floor_us;
        double whole = 1e6 / med[ANALYSE_COMPILED] - floor_us;
        printf("text matching per ticket (minus the floor): raw %.2f us, compiled %.2f us "
               "(%.2fx raw), with the analysis %.2f us (%.2fx raw)\n",
               raw, compiled, compiled / raw, whole, whole / raw);
        printf("compiling the phrases (once per routing context load, with the analyzer): %.1f "
               "ms\n",
               b.compile_ms);
    }
    route_phrases_free(b.phrases);
    text_analyzer_free(b.az);
    for (size_t i = 0; i < N_OF(TICKETS); i++) {
        text_doc_free(b.subject[i]);
        text_doc_free(b.body[i]);
    }
    if (rc)
        fprintf(stderr, "bench_routing_text: failed\n");
    return rc;
}
