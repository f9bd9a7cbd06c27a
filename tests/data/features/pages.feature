Feature: Named pages

  Scenario: Go to a page by its name
    Given I am on the login page
    Then I should be on the Login page
