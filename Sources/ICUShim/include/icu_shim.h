// A thin C layer over the system ICU whose header has no ICU types, so Swift modules that
// import Foundation (which carries its own ICU) can use it. ICU headers appear only in icu_shim.c.
#ifndef MINUTES_ICU_SHIM_H
#define MINUTES_ICU_SHIM_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct MinutesBreaker MinutesBreaker;
typedef struct MinutesTranslit MinutesTranslit;
typedef struct MinutesRegex MinutesRegex;

// Break iteration. kind: 0 = word, 1 = sentence. Not thread-safe: one per thread.
MinutesBreaker *minutes_breaker_open(int32_t kind, const char *locale, int32_t *status);
void minutes_breaker_close(MinutesBreaker *b);
// Fills bounds[i] (UTF-16 offsets, the first is 0) and rule statuses for the segment ending
// at bounds[i]; returns the number of boundaries, or the needed capacity when > cap.
int32_t minutes_breaker_boundaries(MinutesBreaker *b, const uint16_t *text, int32_t length,
                                   int32_t *bounds, int32_t *statuses, int32_t cap, int32_t *status);

// Word boundaries of a window of Chinese text (Han ideographs U+4E00-U+9FFF, ASCII digits,
// spaces and common punctuation), at most MINUTES_HAN_WINDOW_MAX units: the same as ICU's word
// break iterator gives for that text (its rules and dictionary path, replicated in
// han_words.cpp). Fills bounds like minutes_breaker_boundaries (0 and length included); returns
// their number, the needed capacity when > cap, or -1 when the text holds anything else or
// ICU's dictionary could not be opened (then ask the iterator).
#define MINUTES_HAN_WINDOW_MAX 64
int32_t minutes_han_word_boundaries(const uint16_t *text, int32_t length, int32_t *bounds, int32_t cap);

// Transliteration by ICU id (e.g. "Traditional-Simplified"). Not thread-safe.
MinutesTranslit *minutes_translit_open(const uint16_t *id, int32_t idLength, int32_t *status);
void minutes_translit_close(MinutesTranslit *t);
// Transforms buf[0..*length) in place; returns the new length (may exceed cap: then retry).
int32_t minutes_translit_apply(MinutesTranslit *t, uint16_t *buf, int32_t length, int32_t cap, int32_t *status);

// NFKC of src into dst; returns the length needed. Thread-safe.
int32_t minutes_nfkc(const uint16_t *src, int32_t length, uint16_t *dst, int32_t cap, int32_t *status);

// Decodes bytes in the named charset into UTF-16, stopping at the first invalid sequence
// (status > 0 then). Returns the UTF-16 length needed.
int32_t minutes_decode(const char *charset, const char *bytes, int32_t length,
                       uint16_t *dst, int32_t cap, int32_t *status);
// Best charset guess for bytes (ICU charset detector); writes a NUL-terminated name, returns confidence 0-100.
int32_t minutes_detect_charset(const char *bytes, int32_t length, char *name, int32_t nameCap, int32_t *status);

// Regular expressions (ICU syntax) with a time limit in ICU's match steps.
// A compiled pattern is immutable; clone it per thread before matching.
MinutesRegex *minutes_regex_open(const uint16_t *pattern, int32_t length, uint32_t flags,
                                 int32_t *errorOffset, int32_t *status);
MinutesRegex *minutes_regex_clone(const MinutesRegex *r, int32_t *status);
void minutes_regex_close(MinutesRegex *r);
void minutes_regex_set_time_limit(MinutesRegex *r, int32_t limit, int32_t *status);
// A budget of match steps shared by all match operations until the next call (0: none); a
// spent budget fails the operation like the time limit (U_REGEX_TIME_OUT).
void minutes_regex_set_budget(MinutesRegex *r, int32_t steps, int32_t *status);
void minutes_regex_set_text(MinutesRegex *r, const uint16_t *text, int32_t length, int32_t *status);
// 1 found, 0 no more matches; status > 0 on error (e.g. time limit exceeded).
int32_t minutes_regex_find(MinutesRegex *r, int32_t startIndex, int32_t *status);
// Whether a match starts exactly at `index` (the whole text stays visible to look-behinds);
// 1 found, 0 not; status > 0 on error.
int32_t minutes_regex_looking_at(MinutesRegex *r, int32_t index, int32_t *status);
int32_t minutes_regex_group_count(MinutesRegex *r, int32_t *status);
int32_t minutes_regex_start(MinutesRegex *r, int32_t group, int32_t *status);
int32_t minutes_regex_end(MinutesRegex *r, int32_t group, int32_t *status);
// The code point ranges of a property set such as `\p{Han}` (the pattern of a UnicodeSet):
// writes up to `cap` ranges as start/end pairs into `ranges` (2 * cap values) and returns how
// many the set has (more than `cap`: only the first `cap` written); status > 0 on error, and
// 0 ranges with status 0 when the set holds strings.
int32_t minutes_property_ranges(const uint16_t *pattern, int32_t length, int32_t *ranges, int32_t cap, int32_t *status);

// The Unicode Sentence_Break property of a code point (ICU's USentenceBreak value).
int32_t minutes_sentence_break(int32_t codePoint);

// Name of an ICU error code.
const char *minutes_error_name(int32_t status);

#ifdef __cplusplus
}
#endif
#endif
