// Word boundaries of a window of Chinese text, computed the way ICU's word break iterator
// computes them, without the iterator.
//
// Why: ICU's dictionary word break costs ~20-27K instructions for a 12-unit window, almost all
// of it in the machinery around the dictionary (rule pass, DictionaryCache, per-call strings
// and vectors, NFKC check), not in the dictionary walk.
//
// What ICU does on such a window: its word rules (UAX #29) make each punctuation unit a segment
// of its own, each run of ASCII digits one segment (unless a , . ; ‘ ’ joins two runs: then we
// decline), each run of spaces one segment, and each maximal run of Han ideographs one
// dictionary range. A dictionary range is divided by ICU 72's
// CjkBreakEngine::divideUpDictionaryRange (icu4c/source/common/dictbe.cpp, word mode): a
// least-cost path where each dictionary word costs its trie value and a code point with no
// one-character entry costs 255, words of at most 20 units, relaxed with a strict `<` in order
// of start position, the path read back through prev[]. The dictionary is ICU's own cjdict,
// read through icu::UCharsTrie as UCharsDictionaryMatcher::matches does (dictionarydata.cpp).
// Any other unit (letters, kana, Hangul, surrogates, marks, symbols not listed) or no
// dictionary: -1, and the caller asks ICU. HanWordBreaksTests checks all of this against ICU.
#include <atomic>

#include <unicode/ucharstrie.h>
#include <unicode/udata.h>
#include <unicode/utypes.h>

#include "icu_shim.h"

namespace {

// Layout of ICU's dictionary data (DictionaryData in dictionarydata.h): int32 indexes, then
// the trie at a byte offset given by the first index.
enum { IX_STRING_TRIE_OFFSET = 0, IX_TRIE_TYPE = 4 };
enum { TRIE_TYPE_MASK = 7, TRIE_TYPE_UCHARS = 1 };

// Constants of CjkBreakEngine::divideUpDictionaryRange.
constexpr int32_t kMaxWordSize = 20;
constexpr uint32_t kUnknownCost = 255;  // maxSnlp

// ICU's cjdict trie, with the state after each first ideograph: the trie's root is a branch
// over thousands of units, a ~250-instruction search that every start of every window repeats.
// Each ideograph's entry is filled when first asked (all 20,992 up front cost ~5M instructions
// at every start, for a short text that asks a few dozen); threads that fill one at the same
// time write the same values.
struct Dictionary {
    static constexpr uint16_t kFirst = 0x4E00, kLast = 0x9FFF;
    static constexpr uint8_t kUnknown = 0xFF;  // not a UStringTrieResult
    UDataMemory *file;  // kept open (and reachable, for leak checkers) for the life of the process
    const char16_t *trie;
    mutable std::atomic<uint64_t> stateAfter[kLast - kFirst + 1];  // UCharsTrie::getState64() after first(u)
    mutable std::atomic<uint8_t> resultAfter[kLast - kFirst + 1];   // what first(u) answered, or kUnknown

    Dictionary(UDataMemory *file, const char16_t *uchars) : file(file), trie(uchars) {
        for (auto &r : resultAfter) r.store(kUnknown, std::memory_order_relaxed);
    }

    // t.first(u) for an ideograph u, from the table
    UStringTrieResult first(icu::UCharsTrie &t, uint16_t u) const {
        uint8_t known = resultAfter[u - kFirst].load(std::memory_order_acquire);
        if (known == kUnknown) {
            auto result = t.first(static_cast<int32_t>(u));
            stateAfter[u - kFirst].store(result == USTRINGTRIE_NO_MATCH ? 0 : t.getState64(), std::memory_order_relaxed);
            resultAfter[u - kFirst].store(static_cast<uint8_t>(result), std::memory_order_release);
            return result;
        }
        auto result = static_cast<UStringTrieResult>(known);
        if (result != USTRINGTRIE_NO_MATCH) t.resetToState64(stateAfter[u - kFirst].load(std::memory_order_relaxed));
        return result;
    }
};

// Null when the data cannot be opened (then every call answers -1).
const Dictionary *openDictionary() {
    UErrorCode err = U_ZERO_ERROR;
    UDataMemory *file = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict", "cjdict", &err);
    if (U_FAILURE(err) || file == nullptr) return nullptr;
    const auto *data = static_cast<const uint8_t *>(udata_getMemory(file));
    const auto *indexes = reinterpret_cast<const int32_t *>(data);
    if ((indexes[IX_TRIE_TYPE] & TRIE_TYPE_MASK) != TRIE_TYPE_UCHARS) {
        udata_close(file);
        return nullptr;
    }
    return new Dictionary(file, reinterpret_cast<const char16_t *>(data + indexes[IX_STRING_TRIE_OFFSET]));
}

const Dictionary *dictionary() {
    static const Dictionary *const dict = openDictionary();
    return dict;
}

enum class Unit { han, digit, space, punctuation, other };

Unit kindOf(uint16_t u) {
    if (u >= 0x4E00 && u <= 0x9FFF) return Unit::han;
    if (u >= '0' && u <= '9') return Unit::digit;
    switch (u) {
    case ' ':
        return Unit::space;
    // Word_Break Other, or Mid* / quotes that join only letters or digits: each its own segment
    case '\n': case '!': case '"': case '%': case '(': case ')': case ',': case '.': case '/':
    case ':': case ';': case '?': case '[': case ']': case 0x00B7:
    case 0x2014: case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x2026: case 0x2236:
    case 0x25CF: case 0x3001: case 0x3002: case 0x3008: case 0x3009: case 0x300A: case 0x300B:
    case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0x3010: case 0x3011: case 0x3014:
    case 0x3015:
        return Unit::punctuation;
    default:
        return Unit::other;
    }
}

// MidNum, MidNumLet, Single_Quote: ICU keeps 1,000 / 1.5 / 1’5 / 1‘5 in one segment (WB11, WB12).
bool joinsDigits(uint16_t u) { return u == ',' || u == '.' || u == ';' || u == 0x2018 || u == 0x2019 || u == '\''; }

// Appends the boundaries ICU's dictionary puts in the Han run text[start..<end], end included.
void divideHanRun(const Dictionary &dict, const uint16_t *text, int32_t start, int32_t end, int32_t *bounds, int32_t &count) {
    const int32_t length = end - start;
    const uint16_t *run = text + start;
    // best[k]: least cost of the first k units; prev[k]: start of the last word of that path
    uint32_t best[MINUTES_HAN_WINDOW_MAX + 1];
    int32_t prev[MINUTES_HAN_WINDOW_MAX + 1];
    best[0] = 0;
    for (int32_t k = 1; k <= length; k++) best[k] = UINT32_MAX;
    auto relax = [&](int32_t from, int32_t wordLength, uint32_t cost) {
        if (best[from] + cost < best[from + wordLength]) {
            best[from + wordLength] = best[from] + cost;
            prev[from + wordLength] = from;
        }
    };
    icu::UCharsTrie trie(dict.trie);
    // every position is reached (a one-unit word always exists), so every start is tried
    for (int32_t i = 0; i < length; i++) {
        bool hasSingle = false;
        UStringTrieResult result = dict.first(trie, run[i]);
        for (int32_t n = 1;; n++) {
            if (USTRINGTRIE_HAS_VALUE(result)) {
                relax(i, n, static_cast<uint32_t>(trie.getValue()));
                hasSingle = hasSingle || n == 1;
                if (result == USTRINGTRIE_FINAL_VALUE) break;
            } else if (result == USTRINGTRIE_NO_MATCH) {
                break;
            }
            if (n >= kMaxWordSize || i + n >= length) break;
            result = trie.next(run[i + n]);
        }
        // ICU adds this candidate after the matches; it is the only one ending at i + 1, so
        // the order does not change the path
        if (!hasSingle) relax(i, 1, kUnknownCost);
    }
    // the path read back from the end, written forwards
    int32_t words = 0;
    for (int32_t k = length; k > 0; k = prev[k]) words++;
    int32_t j = count + words;
    for (int32_t k = length; k > 0; k = prev[k]) bounds[--j] = start + k;
    count += words;
}

}  // namespace

int32_t minutes_han_word_boundaries(const uint16_t *text, int32_t length, int32_t *bounds, int32_t cap) {
    const Dictionary *dict = dictionary();
    if (dict == nullptr || length <= 0 || length > MINUTES_HAN_WINDOW_MAX) return -1;
    if (cap < length + 1) return length + 1;
    int32_t count = 0;
    bounds[count++] = 0;
    for (int32_t i = 0; i < length;) {
        int32_t end = i + 1;
        switch (kindOf(text[i])) {
        case Unit::han:
            while (end < length && kindOf(text[end]) == Unit::han) end++;
            divideHanRun(*dict, text, i, end, bounds, count);
            break;
        case Unit::digit:
            while (end < length && kindOf(text[end]) == Unit::digit) end++;
            if (end + 1 < length && joinsDigits(text[end]) && kindOf(text[end + 1]) == Unit::digit) return -1;
            bounds[count++] = end;
            break;
        case Unit::space:
            while (end < length && text[end] == ' ') end++;
            bounds[count++] = end;
            break;
        case Unit::punctuation:
            bounds[count++] = end;
            break;
        case Unit::other:
            return -1;
        }
        i = end;
    }
    return count;
}
