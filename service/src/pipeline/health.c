/* Liveness and rebalances: the beats that /healthz reads, the flag that makes revoked work give
 * up, and a back-off sleep that either ends early. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline/pipeline_internal.h"

#define BACKOFF_STEP_MS 20

void worker_progress(pipeline *p, unsigned worker)
{
    atomic_store(&p->worker_beat_us[worker], tr_mono_us());
}

void worker_idle(pipeline *p, unsigned worker)
{
    atomic_store(&p->worker_beat_us[worker], 0);
}

bool pipeline_revoking(pipeline *p, const char *topic, int32_t partition)
{
    if (!atomic_load(&p->revoking))
        return false;
    pthread_mutex_lock(&p->revoke_lock);
    bool hit = p->n_revoked == 0;
    for (size_t i = 0; !hit && i < p->n_revoked; i++)
        hit = p->revoked[i].partition == partition && strcmp(p->revoked[i].topic, topic) == 0;
    pthread_mutex_unlock(&p->revoke_lock);
    return hit;
}

void pipeline_backoff(pipeline *p, int64_t ms, const char *topic, int32_t partition)
{
    for (int64_t slept = 0; slept < ms; slept += BACKOFF_STEP_MS) {
        if (atomic_load(&p->stopping) || (p->stop_flag && *p->stop_flag) ||
            pipeline_revoking(p, topic, partition))
            return;
        tr_sleep_ms(ms - slept < BACKOFF_STEP_MS ? ms - slept : BACKOFF_STEP_MS);
    }
}

bool pipeline_alive(pipeline *p, char *why, size_t whylen)
{
    int64_t now = tr_mono_us(), limit = (int64_t)p->cfg->liveness_timeout_ms * 1000;
    int64_t poll = atomic_load(&p->poll_beat_us);
    if (poll && now - poll > limit) {
        snprintf(why, whylen, "not alive: the poll loop has not gone round for %lld ms",
                 (long long)((now - poll) / 1000));
        return false;
    }
    for (unsigned i = 0; i < p->n_workers; i++) {
        int64_t beat = atomic_load(&p->worker_beat_us[i]);
        if (beat && now - beat > limit) {
            snprintf(why, whylen, "not alive: worker %u has made no progress for %lld ms", i,
                     (long long)((now - beat) / 1000));
            return false;
        }
    }
    snprintf(why, whylen, "alive: poll loop and %u workers making progress", p->n_workers);
    return true;
}
