# source: otwcode/otwarchive features/users/user_edit.feature @f4508f1541c82730d22595497c6b7f38eb770d66 (excerpt: scenarios trimmed)
@users
Feature:
  In order to correct mistakes or reflect my evolving personality
  As a registered user
  I should be able to change my account details

  Scenario: The user should not be able to change username without a password
    Given I am logged in as "testuser" with password "password"
    When I visit the change username page for testuser
    And I fill in "New username" with "anothertestuser"
      And I press "Change Username"
    Then I should see "Your password was incorrect"

  Scenario: The user should not be able to change their username with an incorrect password
    Given I am logged in as "testuser" with password "password"
    When I visit the change username page for testuser
      And I fill in "New username" with "anothertestuser"
      And I fill in "Password" with "wrongpwd"
      And I press "Change Username"
    Then I should see "Your password was incorrect. Please try again or, if you've forgotten your password, log out and reset your password via the link on the login form. If you are still having trouble, contact Support for help."

  Scenario: The user should not be able to change their username to their current username
    Given I am logged in as "testuser" with password "password"
    When I visit the change username page for testuser
      And I fill in "New username" with "testuser"
      And I fill in "Password" with "password"
      And I press "Change Username"
    Then I should see "Your new username must be different from your current username"

  Scenario: The user should be able to change only the capitalization of their username
    Given I am logged in as "testy" with password "password"
    When I visit the change username page for testy
      And I fill in "New username" with "teSty"
      And I fill in "Password" with "password"
      And I press "Change Username"
    Then I should get confirmation that I changed my username
      And I should see "Hi, teSty!"

  Scenario: Changing my username with one pseud changes that pseud
    Given I have no users
      And I am logged in as "oldusername" with password "password"
    When I visit the change username page for oldusername
      And I fill in "New username" with "newusername"
      And I fill in "Password" with "password"
      And I press "Change Username"
    Then I should get confirmation that I changed my username
      And I should see "Hi, newusername"
    When I go to newusername's pseuds page
      Then I should not see "oldusername"
    When I follow "Edit"
    Then I should see "You cannot change the pseud that matches your username"
    Then the "pseud_is_default" checkbox should be checked and disabled

