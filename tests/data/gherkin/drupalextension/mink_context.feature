# source: jhedstrom/drupalextension tests/behat/features/mink_context.feature @0361501862c50164dbf49a478d84556d02daeffb (excerpt: scenarios trimmed)
Feature: MinkContext coverage gaps
  As a developer
  I want comprehensive tests for MinkContext step definitions
  So that I can verify navigation, form interactions, and assertions work correctly

  @test-blackbox
  Scenario: Heading should not be present
    Given I am at "form_controls.html"
    Then I should not see the heading "Nonexistent Heading"

  @test-blackbox
  Scenario: Button should not be present
    Given I am at "form_controls.html"
    Then I should not see the button "Nonexistent Button"

  @test-blackbox
  Scenario: Check a checkbox
    Given I am at "form_controls.html"
    When I check the box "I agree to terms"

  @test-blackbox
  Scenario: Uncheck a checkbox
    Given I am at "form_controls.html"
    When I uncheck the box "Subscribe to newsletter"

  @test-blackbox
  Scenario: Uncheck a checkbox in a region
    Given I am at "form_controls.html"
    And I check "Footer checkbox" in the "static footer" region
    Then I uncheck "Footer checkbox" in the "static footer" region

  @test-blackbox
  Scenario: Select a radio button by label with id
    Given I am at "form_controls.html"
    When I select the radio button "Blue" with the id "color-blue"

  @test-blackbox
  Scenario: Select a radio button by label only
    Given I am at "form_controls.html"
    When I select the radio button "Green"

  @test-blackbox
  Scenario: Hidden link should not be visually visible
    Given I am at "form_controls.html"
    Then I should not visibly see the link "Hidden link"

  @test-blackbox
  Scenario: Should not get a specific HTTP response
    Given I am at "form_controls.html"
    Then I should not get a "404" HTTP response

  @test-blackbox
  Scenario: Enter a value for a field
    Given I am at "form_controls.html"
    When I enter "John" for "Name"

  @test-blackbox
  Scenario: For field enter value syntax
    Given I am at "form_controls.html"
    When for "Name" I enter "Jane"

  @test-blackbox
  Scenario: Click a link
    Given I am at "form_controls.html"
    When I click "Visible link"
    Then I should see the text "Test Static Site"

  @test-blackbox
  Scenario: Press the button
    Given I am at "form_controls.html"
    When I press the "Submit" button

  @test-blackbox
  Scenario: See a link on the page
    Given I am at "form_controls.html"
    Then I should see the link "Visible link"

  @test-blackbox
  Scenario: Not see a link on the page
    Given I am at "form_controls.html"
    Then I should not see the link "Nonexistent link"

  @test-blackbox
  Scenario: Check a checkbox in a region
    Given I am at "form_controls.html"
    When I check "Footer checkbox" in the "static footer" region

  @test-blackbox
  Scenario: Should not see text on the page
    Given I am at "form_controls.html"
    Then I should not see the text "This text does not appear anywhere"

  @test-blackbox
  Scenario: Should get a 200 HTTP response
    Given I am at "form_controls.html"
    Then I should get a "200" HTTP response

  @test-blackbox
  Scenario: Fail when clicking a non-existent link
    Given some behat configuration
    And scenario steps:
      """
      Given I am on "/user/login"
      When I click "Nonexistent link xyz"
      """
    When I run "behat --no-colors"
    Then it should fail

