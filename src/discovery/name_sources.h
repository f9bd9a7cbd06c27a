#pragma once
// Where an element's name can come from, and how much each source is trusted: the one table both discovery
// (weighted scores) and element checks ("X is visible", raw match quality) read.
//
// | source          | field        | match     | weight | discovery reads it               | checks |
// |-----------------|--------------|-----------|--------|----------------------------------|--------|
// | testid          | testid       | attribute | 1.00   | always                           | yes    |
// | aria_label      | aria_label   | text      | 0.97   | always                           | yes    |
// | aria_labelledby | labelledby   | text      | 0.97   | always                           | no     |
// | label           | label        | text      | 0.95   | always                           | yes    |
// | placeholder     | placeholder  | text      | 0.93   | always                           | yes    |
// | role_name       | name         | text      | 0.91   | controls, headings, images, tabs | yes    |
// | role_name       | value        | text      | 0.91   | the same                         | yes    |
// | role_name       | alt          | text      | 0.91   | the same                         | yes    |
// | title           | title        | text      | 0.89   | always                           | no     |
// | name_attr       | name_attr    | attribute | 0.88   | always                           | no     |
// | text            | own_text     | text      | 0.85   | always                           | yes    |
// | text            | text         | text      | 0.82   | short texts only (a container's text mentions everything) | yes |
// | id              | id           | attribute | 0.80   | ids that are not generated       | no     |
// | context_label   | context_label| text      | 0.80   | controls with no name of their own | no   |
// | row_header      | row_header   | text      | 0.78   | the same                         | no     |
// | column_header   | column_header| text      | 0.72   | the same                         | no     |
//
// The last three are names from context (the label-like text before a control in its field, its table row's
// first cell or header, its column's header), read only for a control with no accessible name, and trusted
// less than any name the control has itself.
//
// Discovery then weakens text that is not a control (x0.8: a weaker reading of "Click X") and <label>
// elements (x0.9: a label stands for its control, which usually matches too).
#include <string>

#include "discovery/page_agent.h"

namespace pacts {

struct NameScore {
  double score = 0;
  const char* source = "";  // the row of the table that gave it
};

// Discovery's reading: the best weight x quality over the sources discovery reads, with its adjustments.
NameScore discovery_name_score(const CandidateElement& element, const std::string& target);
// Element checks' reading: the best raw match quality over the sources checks read.
NameScore check_name_quality(const CandidateElement& element, const std::string& target);

}  // namespace pacts
