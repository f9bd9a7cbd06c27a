#pragma once
// Fingerprints and drift. When discovery stores a selector it stores the element's fingerprint too (what the
// page agent's fingerprint() returns: tag, role, accessible name, id, classes, key attributes, own text,
// label, neighbouring text, ancestor path, box). On every cache hit the element the selector resolves to now
// is fingerprinted again and compared with the stored one by a weighted similarity in the spirit of Similo
// (see kFingerprintFeatures: what a person reads, the name, the text and the text beside it, weighs most;
// what releases rename freely, classes and paths, weighs least).
//
//   similarity = sum over features present in either print of weight * feature similarity
//                / sum of those features' weights                                    (0..1)
//
// A feature absent from both prints says nothing and is left out; present in one only, it counts 0.
// The box counts by its size only: its position depends on where the page was scrolled. The text of a control
// that holds a value (role combobox, textbox, searchbox, listbox, spinbutton, slider; select, textarea) is not
// compared: it is the value (a multi-select's chips), which steps change.
//
// The verdict (check_drift):
//   Same      every feature but the box is equal: nothing to do;
//   Cosmetic  similarity >= kDriftThreshold: the same element, changed (an id or class renamed, a wrapper
//             added); the stored fingerprint is refreshed so that changes do not add up to a false drift;
//   Drift     below the threshold: the selector still matches one element, but not the one it was stored
//             for; the step must not act on it and heals instead.
// Pure functions: no page, no clock; tested on hand-made prints.
#include <map>
#include <string>
#include <vector>

namespace pacts {

struct Fingerprint {
  bool valid = false;  // false: no print was stored (an older row), or the element was detached
  std::string tag, role, name, id, text, label, neighbour_text, path;
  std::vector<std::string> classes;
  std::map<std::string, std::string> attributes;  // type, name, placeholder, aria-label, title, alt, href,
                                                  // value (buttons), for, test ids
  double width = -1, height = -1;                 // -1: no box
};

// Parses the page agent's fingerprint JSON; an invalid, empty or {"error": ...} text gives valid = false.
Fingerprint parse_fingerprint(const std::string& json_text);

enum class Compare {
  Exact,  // equal (case-sensitive) or not
  Text,   // normalized text (case, spaces): 1 - edit distance / length when that is at least 0.8 (a typo),
          // else the words in common over all words (Jaccard; "save-btn" and "btn-save" are equal)
  Words,  // sets of words (classes): Jaccard
  Size,   // box size: the smaller over the larger, width and height multiplied
};

struct FingerprintFeature {
  const char* name;  // "tag", "name", "attr:placeholder", ...
  double weight;
  Compare compare;
};

// The one table of weights. Attributes not named here ("attr:*") weigh kOtherAttributeWeight, compared exactly.
extern const std::vector<FingerprintFeature> kFingerprintFeatures;
inline constexpr double kOtherAttributeWeight = 0.5;

// Below this similarity a cached selector's element is not the one that was stored (drift).
inline constexpr double kDriftThreshold = 0.75;

// Weighted similarity of two prints, 0..1 (see above). Two invalid prints: 0.
double fingerprint_similarity(const Fingerprint& then, const Fingerprint& now);

// Similarity of two texts after normalizing case and spaces (Compare::Text), 0..1; two empty texts: 1.
double text_similarity(const std::string& a, const std::string& b);

enum class DriftVerdict { Same, Cosmetic, Drift };
const char* drift_verdict_name(DriftVerdict v);

struct DriftCheck {
  DriftVerdict verdict = DriftVerdict::Same;
  double similarity = 1;
  std::vector<std::string> changed;  // the features that differ, in table order
};

// then invalid (nothing to compare with): Cosmetic when now is valid (store its print), else Same.
DriftCheck check_drift(const Fingerprint& then, const Fingerprint& now, double threshold = kDriftThreshold);

}  // namespace pacts
