Feature: A suite PACTS reads in part

  Background:
    Given I am on "/shop/"

  Scenario: Understood
    When I fill in "Username" with "standard_user"
    And I press "Login"
    Then I should see "Products"

  Scenario: Has a domain step
    Given I am logged in as "standard_user"
    When I follow "Sauce Labs Backpack"
    Then I should see "Add to cart"
