/* bench_urgency: urgency_assess rate on one core with the default weights, for a few realistic
 * tickets (short chat, typical e-mail, long e-mail with a quoted thread, non-English).
 * Prints figures only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "domain/domain.h"
#include "routing/routing.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

struct sample {
    const char *name;
    const char *subject;
    const char *body;
    size_t repeat_body; /* the body repeated this many times (a long thread) */
};

static const struct sample SAMPLES[] = {
    {"chat, 60 bytes", "Help", "hi, i cant log in to the dashboard, it says my account is locked",
     1},
    {"e-mail, ~600 bytes", "Can't access my account since the password reset",
     "Hello team,\n\nafter this morning's password reset I cannot log in any more. The login "
     "page says my session expired and then shows an error. We have a client demo at 3pm and "
     "are losing money every hour this isn't working. I tried Chrome and Firefox, cleared the "
     "cookies and reset the password again, with the same result. Our admin is on holiday. "
     "Could you please look into it urgently? The account is the one of our finance team, "
     "we use it for the monthly invoices and the export to our accounting software.\n\n"
     "Thanks,\nMaria Silva\nHead of Finance, Example Ltd.\n",
     1},
    {"quoted thread, ~6 KB", "Re: Re: Re: Export keeps crashing",
     "> On Monday you wrote: the export crashed again, see the log attached. We need the "
     "report for the board meeting. Nothing changed on our side since the update last week; "
     "the job runs at night and fails with a timeout after about 40 minutes.\n",
     24},
    {"pt/es, ~200 bytes UTF-8", "URGENTE: o sistema não funciona",
     "Olá, desde ontem o painel não funciona e não consigo acessar os relatórios. "
     "¡También la aplicación móvil no funciona! Estamos perdendo vendas. Obrigado, João.",
     1},
};

static char *body_of(const struct sample *s)
{
    size_t bl = strlen(s->body);
    char *body = malloc(bl * s->repeat_body + 1);
    if (!body)
        return NULL;
    for (size_t i = 0; i < s->repeat_body; i++)
        memcpy(body + i * bl, s->body, bl);
    body[bl * s->repeat_body] = '\0';
    return body;
}

int main(void)
{
    struct urgency_weights weights;
    urgency_weights_default(&weights);
    struct customer customer = {
        .customer_id = "cust-00042", .tier = TIER_PRO, .value_percentile = 0.93};
    printf("urgency_assess, default weights (%zu phrases), one core\n", weights.n_phrases);
    for (size_t i = 0; i < N_OF(SAMPLES); i++) {
        char *body = body_of(&SAMPLES[i]);
        if (!body)
            return 1;
        struct ticket ticket = {.ticket_id = "ZD-1", .customer_id = "cust-00042"};
        ticket.subject = (char *)SAMPLES[i].subject;
        ticket.body = body;
        size_t bytes = strlen(ticket.subject) + strlen(body);
        struct urgency_result r;
        urgency_assess(&weights, &ticket, &customer, "login", &r);

        /* Enough rounds for about half a second at the expected rate. */
        int rounds = (int)(20000000 / (bytes + 200));
        int64_t t0 = tr_mono_us();
        for (int k = 0; k < rounds; k++)
            urgency_assess(&weights, &ticket, &customer, "login", &r);
        double s = (double)(tr_mono_us() - t0) / 1e6;
        printf("%-26s %6zu bytes %10.0f tickets/s %8.2f us/ticket %7.1f MB/s  score %.0f P%d "
               "(%zu signals)\n",
               SAMPLES[i].name, bytes, rounds / s, s * 1e6 / rounds, bytes * rounds / s / 1e6,
               r.score, (int)r.priority, r.n_signals);
        free(body);
    }
    return 0;
}
