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

#endif
