#include <stdlib.h>
#include <string.h>

#include "pipeline/pipeline_internal.h"

int customer_cache_init(struct customer_cache *cache, int64_t ttl_ms)
{
    cache->slots = calloc(CUSTOMER_CACHE_SLOTS, sizeof(*cache->slots));
    cache->ttl_ms = ttl_ms;
    return cache->slots ? 0 : TR_ENOMEM;
}

void customer_cache_clear(struct customer_cache *cache)
{
    free(cache->slots);
    cache->slots = NULL;
}

static size_t slot_of(const char *customer_id)
{
    return (size_t)(tr_fnv1a(customer_id, TR_FNV1A_SEED) % CUSTOMER_CACHE_SLOTS);
}

/* Direct-mapped: a collision evicts, which costs one query. Entries live ttl_ms, so a change
 * of tier or SLA reaches the router within the TTL; unknown customers are cached too, so a
 * flood of tickets from an unknown id does not query once per ticket. */
int customer_cache_get(struct customer_cache *cache, store_conn *pg, const char *customer_id,
                       int64_t now_ms, struct customer *out)
{
    struct customer_slot *slot = &cache->slots[slot_of(customer_id)];
    if (slot->used && now_ms - slot->fetched_at_ms < cache->ttl_ms &&
        strcmp(slot->customer.customer_id, customer_id) == 0) {
        if (!slot->found)
            return TR_ENOTFOUND;
        *out = slot->customer;
        return 0;
    }
    struct customer fresh;
    int rc = store_customer_get(pg, customer_id, &fresh);
    if (rc != 0 && rc != TR_ENOTFOUND)
        return rc;
    slot->used = true;
    slot->found = rc == 0;
    slot->fetched_at_ms = now_ms;
    if (rc == 0) {
        slot->customer = fresh;
        *out = fresh;
    } else {
        memset(&slot->customer, 0, sizeof(slot->customer));
        tr_strlcpy(slot->customer.customer_id, customer_id, sizeof(slot->customer.customer_id));
    }
    return rc;
}
