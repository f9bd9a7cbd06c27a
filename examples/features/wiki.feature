# The wiki flows of examples/requirements/wiki_search.txt, in Gherkin.
@wiki
Feature: Wiki search

  Background:
    Given I am on "/wiki/"

  @smoke
  Scenario: An exact title goes straight to the article
    When I fill in "Search Wikipedia" with "Albert Einstein"
    And I press the Enter key
    Then I should see "From Wikipedia, the free encyclopedia"
    And the url should match "/wiki/Albert_Einstein"
    And the title should be "Albert Einstein - Wikipedia"

  Scenario: A topic that is not a title lists the articles about it
    When I fill in "Search Wikipedia" with "physicist"
    And I press "Search"
    Then I should see "Isaac Newton" within "#results"
    And I should see "Marie Curie" in the "Search results" region

  Scenario: Follow a link to another article, and come back
    When I go to "/wiki/Albert_Einstein.html"
    And I follow "Marie Curie"
    Then I should see "radioactivity"
    When I move backward one page
    Then I should be on "/wiki/Albert_Einstein.html"
