/* routing: the decision for one ticket: team, queue, category, priority, agent ranking.
 * Pure: no I/O, no clock, no globals, no logging; time is an input. Reused by replay/eval.
 * Threads: any (inputs are read-only). */
#ifndef TR_ROUTING_H
#define TR_ROUTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "common/tz.h"
#include "domain/domain.h"
#include "text/text.h"

#define ROUTE_MAX_KEYWORDS 16
#define ROUTE_MAX_LANGS 6
#define ROUTE_MAX_SKILLS 12

struct customer {
    char customer_id[TR_ID_MAX];
    enum tier tier;
    double contract_value;
    double value_percentile; /* 0..1 among all customers by contract value */
    char sla_policy[TR_NAME_MAX];
    int first_response_min[4]; /* by priority P1..P4; 0: no SLA */
    char language[TR_LANG_MAX];
    char timezone[TR_NAME_MAX];
    int64_t churned_at_ms; /* 0: not churned */
    bool at_risk;
    char account_manager[TR_NAME_MAX];
};

/* A team's business hours: open from start to end (minutes of the local day; end may be 1440)
 * on the ISO weekdays in days_mask (bit 1 = Monday .. bit 7 = Sunday), in zone. An end before
 * start means the hours cross midnight (e.g. 22:00-06:00 belongs to the day it starts). */
struct team_hours {
    int start_min;
    int end_min;
    unsigned days_mask;
    const struct tz_zone *zone; /* borrowed; NULL: UTC */
};

/* True when the team is open at unix_ms. Pure. */
bool team_hours_open(const struct team_hours *hours, int64_t unix_ms);
/* The next instant at or after unix_ms when the team opens (unix_ms itself when open now);
 * 0 when the team has no open day. Pure. */
int64_t team_hours_next_open(const struct team_hours *hours, int64_t unix_ms);

struct team_info {
    char team[TR_NAME_MAX];
    char queue[TR_NAME_MAX];
    char timezone[TR_NAME_MAX];
    char oncall_target[TR_NAME_MAX];
    char overflow_team[TR_NAME_MAX]; /* "" none: nobody available means the team's queue */
    struct team_hours hours;
};

/* ---- urgency: priority P1..P4 from what the ticket says and who sent it ---- */

#define URGENCY_MAX_PHRASES 64
#define URGENCY_MAX_CATEGORIES 64
#define URGENCY_MAX_SIGNALS 8

struct urgency_phrase {
    char phrase[TR_NAME_MAX]; /* "can't access", "losing money", "urgent" */
    double weight;
};
struct urgency_category {
    char category[TR_NAME_MAX];
    double weight;
};

/* The weights (kept in the urgency_weights table; defaults in urgency_weights_default). */
struct urgency_weights {
    size_t n_phrases;
    struct urgency_phrase phrases[URGENCY_MAX_PHRASES];
    size_t n_categories;
    struct urgency_category categories[URGENCY_MAX_CATEGORIES];
    double tier[3];                /* by enum tier: free, pro, enterprise */
    double unknown_customer;       /* a customer not in the database */
    double top_value;              /* added when the customer's value percentile >= top_value_cut */
    double top_value_cut;          /* e.g. 0.90: the top 10% by contract value are expedited */
    double at_risk;                /* customer flagged at risk */
    double p1_min, p2_min, p3_min; /* score thresholds: >= p1_min is P1, ... below p3_min P4 */
};

/* Sensible defaults (the README documents them). */
void urgency_weights_default(struct urgency_weights *weights);

/* The share of the other customers whose contract value is below value (0..1), from n ascending
 * values at evenly spaced quantiles (n = 1001: q/1000) of `customers` customers; accurate to
 * 1/(n-1). A sole customer is at the top (1); 0 when no distribution is known yet (n < 2).
 * O(log n). Pure. */
double route_value_percentile(const double *quantiles, size_t n, int64_t customers, double value);

struct urgency_result {
    double score;
    enum priority priority;
    size_t n_signals;
    char signals[URGENCY_MAX_SIGNALS][TR_NAME_MAX]; /* what raised it: "phrase:can't access",
                                                       "category:security", "tier:enterprise",
                                                       "value:top 10%", "at_risk" */
};

/* Score the ticket: the weights of every phrase found (case-insensitive, at word boundaries,
 * with simple variants: "cannot access" and "can not access" match "can't access", "crashing"
 * and "crashed" match "crash"), of the category, the tier, the value and risk flags; the sum
 * gives the priority. customer may be NULL (unknown). Pure.
 * This matches the raw text; route_decide_full given route_input.text matches the phrases,
 * compiled, on the text module's analysis instead (same weights, same overlap rule). */
void urgency_assess(const struct urgency_weights *weights, const struct ticket *ticket,
                    const struct customer *customer, const char *category,
                    struct urgency_result *out);

/* True when text contains phrase in the sense of urgency_assess (case-insensitive, word
 * boundaries, simple variants). Pure. */
bool urgency_text_has(const char *text, const char *phrase);

struct agent_candidate {
    char agent_id[TR_ID_MAX];
    char team[TR_NAME_MAX];
    bool active;
    bool senior; /* seniority senior or lead */
    int capacity;
    size_t n_languages;
    char languages[ROUTE_MAX_LANGS][TR_LANG_MAX];
    size_t n_skills;
    char skills[ROUTE_MAX_SKILLS][TR_NAME_MAX];
    double proficiency[ROUTE_MAX_SKILLS];
    bool has_shift;          /* false: the team's hours apply, not checked per agent */
    struct team_hours shift; /* the agent's shift in the agent's zone */
    /* Filled by the caller before ranking: */
    int load;                   /* open tickets now (from Redis) */
    enum presence presence;     /* from Redis; unknown counts as online */
    int perf_assigned;          /* tickets of this category in the last 90 days (0: no history) */
    double perf_resolution_min; /* median minutes to resolve them */
    double perf_reassign_rate;  /* share taken away from the agent (0..1) */
};

/* How agents are scored (kept in routing_weights, kind 'agent'). */
struct agent_weights {
    double proficiency;          /* skill proficiency 0..1 */
    double speed;                /* resolution time against the team's median on the category */
    double quality;              /* 1 - reassignment rate */
    double load;                 /* 1 - load share */
    double redistribution_share; /* agents at or above this share of capacity get a ticket only
                                    when nobody below it qualifies */
};
void agent_weights_default(struct agent_weights *weights);

struct category_route {
    char category[TR_NAME_MAX];
    char team[TR_NAME_MAX];
    char required_skill[TR_NAME_MAX];
    char product_area[TR_NAME_MAX]; /* "" none */
};

enum { ROUTE_ANY = 0, ROUTE_YES = 1, ROUTE_NO = 2 };

/* ---- escalation signals: scored by the signals module (service/src/signals/, the same order),
 * read here as plain numbers ---- */
enum route_signal_kind {
    ROUTE_SIGNAL_SECURITY,
    ROUTE_SIGNAL_LEGAL,
    ROUTE_SIGNAL_OUTAGE,
    ROUTE_SIGNAL_CHURN,
    ROUTE_SIGNAL_DISTRESS,
    ROUTE_SIGNALS
};
/* The kind named name ("security", "legal", "outage", "churn", "distress"), or -1. */
int route_signal_parse(const char *name);
struct route_signals {
    double score[ROUTE_SIGNALS]; /* calibrated, 0..1 */
    bool fired[ROUTE_SIGNALS];   /* at or above the signal's threshold (the model's data) */
    char reason[ROUTE_SIGNALS][96];
};

/* One routing rule, validated. Conditions that are empty/zero do not constrain.
 * All given conditions must hold for the rule to match. */
struct route_rule {
    char name[TR_NAME_MAX];
    int position;
    /* conditions */
    size_t n_keywords;
    char keywords[ROUTE_MAX_KEYWORDS][TR_NAME_MAX]; /* any of them, case-insensitive, in subject
                                                       or body */
    size_t n_categories;
    char categories[ROUTE_MAX_KEYWORDS][TR_NAME_MAX];
    unsigned tiers_mask;                   /* bit (1 << tier); 0: any tier */
    double min_confidence, max_confidence; /* max 0: no bound */
    char language[TR_LANG_MAX];
    char channel[TR_NAME_MAX];
    size_t n_product_areas;
    char product_areas[ROUTE_MAX_KEYWORDS][TR_NAME_MAX];
    double contract_value_min;   /* 0: no bound */
    double contract_value_max;   /* 0: no bound; the value must be below it */
    double value_percentile_min; /* 0: no bound */
    double urgency_min;          /* urgency score at least this; 0: no bound */
    int churned_within_days;     /* > 0: the customer churned at most this many days ago */
    /* Flags below: ROUTE_ANY (0, the zero value), ROUTE_YES or ROUTE_NO. */
    int at_risk;                  /* the customer is flagged at risk */
    int customer_known;           /* the customer is in the database */
    int team_open;                /* the team is in business hours now */
    unsigned signals_mask;        /* bit (1 << route_signal_kind): any of them fired; 0: any */
    char hours_team[TR_NAME_MAX]; /* whose hours team_open checks; "": the team decided so far,
                                     else the category's team */
    /* actions */
    char team[TR_NAME_MAX];
    char queue[TR_NAME_MAX];
    char category[TR_NAME_MAX];
    enum priority priority; /* 0: unchanged */
    char required_skill[TR_NAME_MAX];
    bool hold_until_open; /* first response due from the team's next opening, reason says so */
    bool senior_only;     /* only senior or lead agents may take it */
    bool escalate;
    enum escalation_kind escalation_kind;
    enum severity escalation_severity;
    size_t n_notify;
    char notify[TR_NOTIFY_MAX][TR_NAME_MAX]; /* "account_manager": the customer's; "oncall":
                                                the team's on-call target */
    bool stop;
};

/* The routing policy: an immutable snapshot, shared by the workers. */
struct policy {
    const struct route_rule *rules; /* ordered by position */
    size_t n_rules;
    const struct category_route *categories;
    size_t n_categories;
    const struct team_info *teams;
    size_t n_teams;
    double confidence_threshold; /* below it: triage (default 0.70) */
    const char *triage_team;
    const char *triage_queue;
    const char *senior_queue;
    const char *default_team;
    struct agent_weights agent_weights;
    /* An outage report: category "outage", or any of these phrases (urgency matching) with a
     * product area (the ticket's, else the category's). NULL: the built-in list. */
    const char *const *outage_phrases;
    size_t n_outage_phrases;
    int outage_customers;      /* distinct customers that make an incident (default 5) */
    int outage_window_s;       /* within this many seconds (default 600) */
    bool outage_on_signal;     /* the outage signal that fired counts as a report, whatever the
                                  wording (routing_weights outage/on_signal; default off) */
    const char *outage_notify; /* who hears of an outage when the team has no on-call */
    double first_response_timeout_min[4]; /* by priority P1..P4: an assigned ticket without a
                                             first response is re-routed after this */
};

/* What the classifier said (see classify.h); NULL in route_input when no model is loaded. */
struct classification {
    char category[TR_NAME_MAX];
    double confidence;
    bool out_of_scope;
    size_t n_top;
    struct category_score top[TR_TOP_CLASSES];
    char model_version[TR_NAME_MAX];
};

/* An agent's record on a category over the last 90 days (agent_performance_rollup). */
struct agent_perf {
    char agent_id[TR_ID_MAX];
    char category[TR_NAME_MAX];
    int assigned;
    double median_resolution_min;
    double reassignment_rate;
};
/* Order of a performance table: agent_id, then category (qsort/bsearch comparator). */
int route_perf_compare(const void *a, const void *b);
/* Where each of the n agents' rows are in a table sorted by route_perf_compare: first[i] and
 * count[i] (0 rows: none), so that a decision searches an agent's few rows, not the table. */
void route_perf_index(const struct agent_perf *perf, size_t n_perf,
                      const struct agent_candidate *agents, size_t n, size_t *first, size_t *count);
/* The record of agent_id on category in a table sorted by route_perf_compare, or NULL. */
const struct agent_perf *route_perf_find(const struct agent_perf *perf, size_t n,
                                         const char *agent_id, const char *category);

/* The agents a decision may choose from, as gathered for it: the snapshot's agents (static
 * fields; their load, presence and perf fields are ignored) with each one's load and presence
 * read for this batch, and the performance table. */
struct route_agents {
    const struct agent_candidate *agents;
    size_t n;
    const size_t *by_team;         /* n indexes into agents ordered by team; NULL: not sorted */
    const int *loads;              /* n: open tickets now */
    const enum presence *presence; /* n */
    const struct agent_perf *perf; /* sorted by route_perf_compare */
    size_t n_perf;
    /* n: agent i's rows are perf[perf_first[i] .. + perf_count[i]) (route_perf_index); NULL:
     * each agent is looked up in the whole table. */
    const size_t *perf_first, *perf_count;
};

/* The outage window of the ticket's product area after recording this report (Redis, shared
 * by every replica). */
struct route_outage {
    char incident_id[TR_ID_MAX]; /* "" when no incident (yet) */
    bool opened;                 /* this ticket opened it: it carries the one escalation */
    int customers;               /* distinct customers in the window, this one included */
};

/* ---- text: keywords and phrases matched on the text module's analysis (text.h) ----
 *
 * Rule keywords, urgency phrases and outage phrases are compiled once per routing context
 * (route_phrases_new) and matched on the ticket's subject and body as the text module analysed
 * them: folded (case, accents, NFKC), contractions made one form ("can't" = "cannot" =
 * "can not"), words compared by their Snowball stem in the ticket's language ("lawyers" matches
 * "lawyer"). A phrase written in double quotes, or containing a digit, matches exactly: folded
 * but not stemmed (error codes such as "E-1042", "0x80070005"). A phrase matches whole tokens of
 * the subject or of the body, never across them. */

typedef struct route_phrases route_phrases;

/* Compile the keywords of policy's rules, its outage phrases (or the built-in list) and the
 * phrases of weights (NULL: none) with az, whose languages must be those of the analyzer that
 * analyses the tickets. policy and weights are borrowed and must outlive the result; a decision
 * uses it only with those very policy and weights (otherwise it matches the raw text).
 * A phrase that does not compile (no token, more than TEXT_PHRASE_MAX_TOKENS) is counted in
 * *n_refused (may be NULL) with the first one's reason in err: a rule keyword among them is
 * matched on the raw text, an urgency or outage phrase never matches.
 * Returns NULL with the reason in err when out of memory. The caller owns the result; free with
 * route_phrases_free(), which accepts NULL. Pure (allocates). Threads: the result is immutable,
 * any thread; az is the caller's thread's. */
route_phrases *route_phrases_new(text_analyzer *az, const struct policy *policy,
                                 const struct urgency_weights *weights, size_t *n_refused,
                                 char *err, size_t errlen);
void route_phrases_free(route_phrases *rp);

/* The ticket analysed by the text module, for route_input.text. */
struct route_text {
    const text_doc *subject; /* ticket->subject, analysed in route_language()'s language */
    const text_doc *body;    /* ticket->body, likewise */
    const route_phrases *phrases;
};

/* The language of a decision: the event's, else the detected one (detected may be NULL, or
 * unknown), else the customer's (customer may be NULL), else "en". Valid as long as its
 * arguments. Pure. */
const char *route_language(const struct ticket *ticket, const struct customer *customer,
                           const struct text_language *detected);

/* When the event carries no language: detect it in subject and body with az's text_langid,
 * preferring the customer's language (customer may be NULL) among close candidates, into out.
 * Returns 1 when detected (out may say TEXT_LANG_UNKNOWN: too short or too mixed to tell), 0
 * when the event has a language (nothing detected), or a negative TR_E* code (TR_EINVAL: az has
 * no text_langid). Borrows everything. Pure. Threads: az's. */
TR_MUST_CHECK int route_text_detect(text_analyzer *az, const struct ticket *ticket,
                                    const struct customer *customer, struct text_language *out);

/* Analyse ticket's subject and body in lang (route_language()) into subject and body, for
 * route_text. Returns 0 or the text module's TR_E* code. Pure. Threads: az's. */
TR_MUST_CHECK int route_text_analyze(text_analyzer *az, const char *lang,
                                     const struct ticket *ticket, text_doc *subject,
                                     text_doc *body);

struct route_input {
    const struct ticket *ticket;
    const struct customer *customer; /* NULL: unknown customer, defaults apply, flagged */
    const struct policy *policy;
    const struct classification *classification; /* NULL: no model; rules only */
    const struct urgency_weights *weights;       /* NULL: priority by tier only */
    int64_t now_unix_ms;
    /* NULL: no agent is chosen (the output's candidates stay empty). */
    const struct route_agents *agents;
    enum route_mode mode; /* shadow: the first candidate is the agent, nothing is claimed */
    /* The window of output.outage_area once recorded; NULL: not recorded yet (a ticket whose
     * output names an outage_area is decided again with it). */
    const struct route_outage *outage;
    /* The ticket analysed by the text module, with phrases compiled from this policy and these
     * weights; NULL (or phrases compiled for another policy): keywords and phrases are matched
     * on the raw text (ASCII case folding and urgency.c's light stemmer). */
    const struct route_text *text;
    /* What language detection said when the event carried no language (route_text_detect);
     * NULL: nothing was detected (the customer's language applies, as before detection). */
    const struct text_language *detected_language;
    /* The escalation signals of the text (signals.path); NULL: no signals model. Listed in the
     * reasons; rules with a signals_any condition match on them. */
    const struct route_signals *signals;
};

#define ROUTE_MAX_ESCALATIONS 4
#define ROUTE_MAX_CANDIDATES 24

/* An agent to try, in order: the team's best first, then its overflow team's. */
struct route_candidate {
    char agent_id[TR_ID_MAX];
    char team[TR_NAME_MAX];
    size_t index; /* into route_agents.agents */
    int capacity, load;
    enum presence presence;
    double score;
};

/* Everything route_decide_full works out for one ticket. */
struct route_output {
    struct route_decision decision;   /* agent: shadow mode's pick; live: set by route_claimed */
    char required_skill[TR_NAME_MAX]; /* the agent must have it; "" none */
    bool senior_only;                 /* only senior or lead agents */
    bool held;                        /* queued until the team opens: no agent is claimed now */
    struct urgency_result urgency;    /* zeroed when in->weights is NULL */
    size_t n_escalations;             /* from rules that fired with escalate */
    struct escalation escalations[ROUTE_MAX_ESCALATIONS];
    char outage_area[TR_NAME_MAX]; /* the product area this ticket reports down, or "" */
    /* The agents to try in this order (claim the first that has room), when agents were given:
     * [0, n_home) of the decided team, then [n_home, n_candidates) of its overflow team. */
    size_t n_candidates, n_home;
    struct route_candidate candidates[ROUTE_MAX_CANDIDATES];
    bool claim;           /* live mode, not held: claim (an earlier attempt's claim may hold) */
    int64_t claim_due_ms; /* the first-response deadline set with the claim */
};

/* Decide team, queue, category, priority, deadline, reasons and escalations (no agent yet).
 * Returns 0, or TR_EINVAL for a missing input. Borrows everything. */
TR_MUST_CHECK int route_decide_full(const struct route_input *in, struct route_output *out);

/* Decide team, queue, category, priority, deadline and reasons (no agent yet).
 * required_skill (TR_NAME_MAX bytes) receives the skill the agent must have, or "".
 * Returns 0, or TR_EINVAL for a missing input. Borrows everything. */
TR_MUST_CHECK int route_decide(const struct route_input *in, struct route_decision *out,
                               char *required_skill);

/* Rank the agents able to take the decided ticket: active, in decision->team, below capacity,
 * not offline, on shift at now_ms (when they have a shift), with required_skill ("" none) and,
 * when any of them speaks it, the ticket's language. Online agents come before away ones, and
 * agents below weights->redistribution_share of their capacity before those above it; within a
 * group, the highest score (weights; NULL: defaults) wins, ties by agent_id. Writes up to max
 * indexes into agents to out_idx, scores (may be NULL) get each one's score, returns how many.
 * Borrows everything. */
size_t route_rank_agents_at(const struct route_decision *decision, const char *required_skill,
                            const struct agent_candidate *agents, size_t n_agents,
                            const struct agent_weights *weights, int64_t now_ms, size_t *out_idx,
                            double *scores, size_t max);

/* route_rank_agents_at with default weights and no shift check (agents without presence). */
size_t route_rank_agents(const struct route_decision *decision, const char *required_skill,
                         const struct agent_candidate *agents, size_t n_agents, size_t *out_idx,
                         size_t max);

/* The agent step of a decision on its own (route_decide_full runs it when given agents; a
 * re-route runs it alone): ranks the team's agents for decision (team, language, category,
 * priority set) into out's candidates, then its overflow team's when the team has one and no
 * agent is being replaced; writes the reasons, the claim deadline and, in shadow mode, the
 * agent. Pure. */
struct route_pick {
    const struct policy *policy;
    const struct route_agents *agents;
    enum route_mode mode;
    const char *required_skill; /* "" none */
    bool senior_only;
    const char *exclude_agent; /* "" none: the agent a re-route moves the ticket away from */
    int64_t now_ms;
};
void route_pick_agents(const struct route_pick *pick, struct route_output *out);

/* The outcome of claiming out's candidates: candidate `index` took it, or (index < 0) holder
 * already held it from an earlier attempt, or (holder NULL) none had room. Sets the decision's
 * agent, its team and queue when an overflow agent took it, and the reasons. Pure. */
void route_claimed(const struct policy *policy, struct route_output *out, int index,
                   const char *holder);

/* Milliseconds without a first response after which an assigned ticket is re-routed. Pure. */
int64_t route_first_response_timeout_ms(const struct policy *policy, enum priority priority);

/* Find a team by name; NULL when absent. */
const struct team_info *policy_team_find(const struct policy *policy, const char *team);

/* The stable decision id of a ticket: "dec-" + 16 hex digits of a hash of the ticket id. */
void route_decision_id(const char *ticket_id, char *out, size_t outlen);

#endif
