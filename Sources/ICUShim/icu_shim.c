#include "icu_shim.h"
#include <unicode/utypes.h>
#include <unicode/ubrk.h>
#include <unicode/utrans.h>
#include <unicode/unorm2.h>
#include <unicode/uregex.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/uchar.h>
#include <unicode/uset.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(UChar) == sizeof(uint16_t), "UChar is UTF-16");
_Static_assert(sizeof(UErrorCode) == sizeof(int32_t), "UErrorCode fits int32_t");

struct MinutesBreaker { UBreakIterator *it; };
struct MinutesTranslit { UTransliterator *t; };
// `steps` counts the match steps of all match operations since the last set_budget (ICU's own
// time limit restarts with each operation, and a pre-filtered scan makes many of them).
struct MinutesRegex { URegularExpression *re; int32_t steps; int32_t budget; };

MinutesBreaker *minutes_breaker_open(int32_t kind, const char *locale, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(kind == 0 ? UBRK_WORD : UBRK_SENTENCE, locale, NULL, 0, &err);
    *status = err;
    if (U_FAILURE(err)) return NULL;
    MinutesBreaker *b = malloc(sizeof *b);
    b->it = it;
    return b;
}

void minutes_breaker_close(MinutesBreaker *b) {
    if (!b) return;
    ubrk_close(b->it);
    free(b);
}

int32_t minutes_breaker_boundaries(MinutesBreaker *b, const uint16_t *text, int32_t length,
                                   int32_t *bounds, int32_t *statuses, int32_t cap, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    ubrk_setText(b->it, (const UChar *)text, length, &err);
    *status = err;
    if (U_FAILURE(err)) return 0;
    int32_t n = 0;
    for (int32_t p = ubrk_first(b->it); p != UBRK_DONE; p = ubrk_next(b->it)) {
        if (n < cap) {
            bounds[n] = p;
            statuses[n] = ubrk_getRuleStatus(b->it);
        }
        n++;
    }
    // Detach the text so the iterator holds no pointer into the caller's buffer.
    ubrk_setText(b->it, (const UChar *)u"", 0, &err);
    return n;
}

MinutesTranslit *minutes_translit_open(const uint16_t *id, int32_t idLength, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UTransliterator *t = utrans_openU((const UChar *)id, idLength, UTRANS_FORWARD, NULL, 0, NULL, &err);
    *status = err;
    if (U_FAILURE(err)) return NULL;
    MinutesTranslit *h = malloc(sizeof *h);
    h->t = t;
    return h;
}

void minutes_translit_close(MinutesTranslit *t) {
    if (!t) return;
    utrans_close(t->t);
    free(t);
}

int32_t minutes_translit_apply(MinutesTranslit *t, uint16_t *buf, int32_t length, int32_t cap, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t textLength = length;
    int32_t limit = length;
    utrans_transUChars(t->t, (UChar *)buf, &textLength, cap, 0, &limit, &err);
    *status = err;
    return textLength;
}

int32_t minutes_nfkc(const uint16_t *src, int32_t length, uint16_t *dst, int32_t cap, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFKCInstance(&err);
    if (U_FAILURE(err)) { *status = err; return 0; }
    int32_t out = unorm2_normalize(n, (const UChar *)src, length, (UChar *)dst, cap, &err);
    *status = (err == U_BUFFER_OVERFLOW_ERROR) ? U_ZERO_ERROR : err;
    return out;
}

int32_t minutes_decode(const char *charset, const char *bytes, int32_t length,
                       uint16_t *dst, int32_t cap, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(charset, &err);
    if (U_FAILURE(err)) { *status = err; return 0; }
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
    int32_t out = ucnv_toUChars(cnv, (UChar *)dst, cap, bytes, length, &err);
    ucnv_close(cnv);
    *status = (err == U_BUFFER_OVERFLOW_ERROR || err == U_STRING_NOT_TERMINATED_WARNING) ? U_ZERO_ERROR : err;
    return out;
}

int32_t minutes_detect_charset(const char *bytes, int32_t length, char *name, int32_t nameCap, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&err);
    if (U_FAILURE(err)) { *status = err; return 0; }
    ucsdet_setText(det, bytes, length, &err);
    const UCharsetMatch *m = ucsdet_detect(det, &err);
    int32_t confidence = 0;
    if (U_SUCCESS(err) && m) {
        const char *n = ucsdet_getName(m, &err);
        confidence = ucsdet_getConfidence(m, &err);
        if (n && nameCap > 0) {
            strncpy(name, n, (size_t)nameCap - 1);
            name[nameCap - 1] = 0;
        }
    } else if (nameCap > 0) {
        name[0] = 0;
    }
    ucsdet_close(det);
    *status = err;
    return confidence;
}

MinutesRegex *minutes_regex_open(const uint16_t *pattern, int32_t length, uint32_t flags,
                                 int32_t *errorOffset, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UParseError pe;
    URegularExpression *re = uregex_open((const UChar *)pattern, length, flags, &pe, &err);
    *status = err;
    *errorOffset = pe.offset;
    if (U_FAILURE(err)) return NULL;
    MinutesRegex *r = malloc(sizeof *r);
    r->re = re;
    r->steps = 0;
    r->budget = 0;
    return r;
}

MinutesRegex *minutes_regex_clone(const MinutesRegex *r, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    URegularExpression *re = uregex_clone(r->re, &err);
    *status = err;
    if (U_FAILURE(err)) return NULL;
    MinutesRegex *c = malloc(sizeof *c);
    c->re = re;
    c->steps = 0;
    c->budget = 0;
    return c;
}

void minutes_regex_close(MinutesRegex *r) {
    if (!r) return;
    uregex_close(r->re);
    free(r);
}

void minutes_regex_set_time_limit(MinutesRegex *r, int32_t limit, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    uregex_setTimeLimit(r->re, limit, &err);
    *status = err;
}

// Called by ICU once per match step: stops the operation when the budget is spent.
static UBool minutes_regex_step(const void *context, int32_t steps) {
    (void)steps;
    MinutesRegex *r = (MinutesRegex *)context;
    return r->budget <= 0 || ++r->steps < r->budget;
}

void minutes_regex_set_budget(MinutesRegex *r, int32_t steps, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    r->steps = 0;
    r->budget = steps;
    uregex_setMatchCallback(r->re, minutes_regex_step, r, &err);
    *status = err;
}

// A spent budget reads as the time limit it stands for.
static UErrorCode minutes_regex_status(UErrorCode err) {
    return err == U_REGEX_STOPPED_BY_CALLER ? U_REGEX_TIME_OUT : err;
}

void minutes_regex_set_text(MinutesRegex *r, const uint16_t *text, int32_t length, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    uregex_setText(r->re, (const UChar *)text, length, &err);
    *status = err;
}

int32_t minutes_regex_find(MinutesRegex *r, int32_t startIndex, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UBool found = startIndex >= 0 ? uregex_find(r->re, startIndex, &err) : uregex_findNext(r->re, &err);
    *status = minutes_regex_status(err);
    return (U_SUCCESS(err) && found) ? 1 : 0;
}

int32_t minutes_regex_looking_at(MinutesRegex *r, int32_t index, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UBool found = uregex_lookingAt(r->re, index, &err);
    *status = minutes_regex_status(err);
    return (U_SUCCESS(err) && found) ? 1 : 0;
}

int32_t minutes_regex_group_count(MinutesRegex *r, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = uregex_groupCount(r->re, &err);
    *status = err;
    return n;
}

int32_t minutes_regex_start(MinutesRegex *r, int32_t group, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t v = uregex_start(r->re, group, &err);
    *status = err;
    return v;
}

int32_t minutes_regex_end(MinutesRegex *r, int32_t group, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t v = uregex_end(r->re, group, &err);
    *status = err;
    return v;
}

// The values ICUText's SentenceBreakProperty mirrors.
_Static_assert(U_SB_ATERM == 1 && U_SB_SCONTINUE == 14 && U_SB_COUNT == 15, "USentenceBreak values");

int32_t minutes_sentence_break(int32_t codePoint) {
    return u_getIntPropertyValue(codePoint, UCHAR_SENTENCE_BREAK);
}

const char *minutes_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

int32_t minutes_property_ranges(const uint16_t *pattern, int32_t length, int32_t *ranges, int32_t cap, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    USet *set = uset_openPattern((const UChar *)pattern, length, &err);
    *status = err;
    if (U_FAILURE(err)) return 0;
    int32_t count = uset_getRangeCount(set);
    if (uset_getItemCount(set) != count) count = 0;  // strings: not a plain range list
    for (int32_t k = 0; k < count && k < cap; k++) {
        UChar32 start, end;
        uset_getItem(set, k, &start, &end, NULL, 0, &err);
        ranges[2 * k] = start;
        ranges[2 * k + 1] = end;
    }
    *status = err;
    uset_close(set);
    return count;
}
