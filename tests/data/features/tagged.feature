@shop
Feature: Tagged scenarios

  Background:
    Given I am on "/shop/"

  @smoke
  Scenario: Fast check
    Then I should see "Swag Labs"

  @smoke @slow
  Scenario: Slow check
    Then I should see "Username"

  Scenario: Untagged
    Then I should see "Password"
