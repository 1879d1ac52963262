// A thin C layer over the system libxml2 HTML parser whose header has no libxml2 types.
// libxml2's headers include the system ICU (it is built with ICU), whose type names clash with
// the ICU Foundation carries on Linux, so libxml2 headers appear only in html_shim.c.
#ifndef MINUTES_HTML_SHIM_H
#define MINUTES_HTML_SHIM_H
#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// Event tags of the flattened tree (see minutes_html_parse).
enum {
    MINUTES_HTML_OPEN = 'E',   // u32 name length, name, u32 attribute count, then per attribute u32 length + name, u32 length + value
    MINUTES_HTML_CLOSE = 'C',  // end of the last open element
    MINUTES_HTML_TEXT = 'T'    // u32 length, UTF-8 text
};

// Parses UTF-8 HTML (any meta charset is ignored: the caller has decoded the bytes) with the
// libxml2 HTML parser in recovery mode and returns the document tree as a flat event stream in
// document order: OPEN/CLOSE around each element, TEXT for text and CDATA. Comments and
// processing instructions are left out; element names are lowercase; integers are
// little-endian. The tree is walked without recursion, so any nesting depth is safe.
// Returns a malloc'ed buffer (free it with minutes_html_free) and its length in *length, or
// NULL when libxml2 produced no document. Thread-safe.
uint8_t *minutes_html_parse(const char *utf8, int64_t length, int64_t *eventsLength);
void minutes_html_free(uint8_t *events);

#ifdef __cplusplus
}
#endif
#endif
