/* routing_internal: shared by the routing module's files only. */
#ifndef TR_ROUTING_INTERNAL_H
#define TR_ROUTING_INTERNAL_H

#include "routing/routing.h"

/* An agent as ranking reads it: its static fields, and what was gathered for this ticket. */
struct rank_view {
    const struct agent_candidate *agent; /* borrowed; its load/presence/perf fields unused */
    size_t index;                        /* the caller's: into its agents */
    bool excluded;                       /* not eligible (replaced, or not senior enough) */
    int load;
    enum presence presence;
    int perf_assigned;
    double perf_resolution_min;
    double perf_reassign_rate;
};

/* route_rank_agents_at over views: out_idx indexes views. */
size_t route_rank_views(const struct route_decision *decision, const char *required_skill,
                        const struct rank_view *views, size_t n_views,
                        const struct agent_weights *weights, int64_t now_ms, size_t *out_idx,
                        double *scores, size_t max);

/* urgency.c: the score from counts of each of weights' phrases found (count[i] > 0: phrase i
 * was found; URGENCY_MAX_PHRASES entries), the category, the tier, value and risk flags. */
void urgency_score(const struct urgency_weights *weights, const unsigned *count,
                   const struct customer *customer, const char *category,
                   struct urgency_result *out);

/* phrases.c: the built-in outage phrases (policy->outage_phrases NULL). */
extern const char *const ROUTE_OUTAGE_PHRASES[];
extern const size_t ROUTE_N_OUTAGE_PHRASES;

/* phrases.c: which compiled phrases one ticket's text matched. */
struct route_hits {
    const route_phrases *rp;
    const struct route_text *text;
    bool *subject, *body; /* per compiled phrase: matched in the subject, in the body */
    bool *heap;           /* owned when the phrases did not fit in stack */
    bool stack[2 * 256];
};

/* Match in->text against its phrases into hits. Returns false, leaving hits unusable (the raw
 * text is matched instead), when in has no text, the phrases were compiled for another policy
 * or weights, or memory ran out. Release with route_hits_clear(). */
bool route_hits_find(const struct route_input *in, struct route_hits *hits);
void route_hits_clear(struct route_hits *hits);
/* Keyword k of rule rule_index matched: 1, 0; -1 when it was not compiled (match the raw
 * text). */
int route_hits_keyword(const struct route_hits *hits, size_t rule_index, size_t k);
/* An outage phrase matched. */
bool route_hits_outage(const struct route_hits *hits);
/* count[i] (URGENCY_MAX_PHRASES entries) for each phrase i of the weights compiled: 1 when it
 * matched somewhere not inside a longer matched phrase (urgency_assess's rule), else 0. */
void route_hits_urgency(const struct route_hits *hits, unsigned *count);

#endif
