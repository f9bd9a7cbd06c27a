# source: otwcode/otwarchive features/users/authenticate_users.feature @f4508f1541c82730d22595497c6b7f38eb770d66 (excerpt: scenarios trimmed)
@users
@admin
Feature: User Authentication

  Scenario: Forgot password
    Given I have no users
      And the following activated user exists
      | email           | login | password |
      | sam@example.com | sam   | secret12 |
      And all emails have been delivered
    When I am on the home page
      And I fill in "Username or email:" with "sam"
      And I fill in "Password:" with "test"
      And I press "Log In"
    Then I should see "The password or username you entered doesn't match our records"
      And I should see "Forgot your password or username?"
    When I follow "Reset your password"
    Then I should see "If you've forgotten your password, we can send you an email with instructions to reset your password."
      And I should see the page title "Reset Password"
    When I fill in "Email address" with "sam@example.com"
      And I press "Reset Password"
    Then I should see "If the email address you entered is currently associated with an AO3 account, you should receive an email with instructions to reset your password."
      And 1 email should be delivered
      And the email should contain "sam"
      And the email should contain "Someone has made a request to reset the password for your AO3 account."
      And the email should not contain "translation missing"

    # existing password should still work
    When I am on the homepage
      And I fill in "Username or email:" with "sam"
      And I fill in "Password:" with "secret12"
      And I press "Log In"
    Then I should see "Hi, sam"

    # link from the email should not work when logged in
    When I follow "use this link to choose a new password" in the email
    Then I should see "You are already logged in to an account. Please log out and try again."
      And I should not see "Change Password"

    # link from the email should work
    When I log out
      And I follow "use this link to choose a new password" in the email
    Then I should see "Change Password"

    # entering mismatched passwords should produce an error message
    When I fill in "New password" with "secret"
      And I fill in "Confirm new password" with "newpass12"
      And I press "Change Password"
    Then I should see "We couldn't save this user because:"
      And I should see "The passwords you entered do not match. Please try again."

    # and I should be able to change the password
    When I fill in "New password" with "new<pass"
      And I fill in "Confirm new password" with "new<pass"
      And I press "Change Password"
    Then I should see "Your password has been changed. You are now logged in."
      And I should see "Hi, sam"

    # password reset link should no longer work
    When I log out
      And I follow "use this link to choose a new password" in the email
    Then I should see "This password reset link is invalid or expired. Please check your email for the most recent password reset link."
      And I should be on the forgot password page

    # old password should no longer work
    When I am on the homepage
      And I fill in "Username or email:" with "sam"
      And I fill in "Password:" with "secret"
      And I press "Log In"
    Then I should not see "Hi, sam"

    # new password should work
    When I am on the homepage
      And I fill in "Username or email:" with "sam"
      And I fill in "Password:" with "new<pass"
      And I press "Log In"
    Then I should see "Hi, sam"

    # password entered the second time should not work
    When I log out
      And I am on the homepage
      And I fill in "Username or email:" with "sam"
      And I fill in "Password:" with "override"
      And I press "Log In"
    Then I should not see "Hi, sam"

  Scenario: Users should not be able to request password resets with their username
    Given I have no users
      And the following activated user exists
      | email           | login | password |
      | sam@example.com | sam   | secret12 |
      And all emails have been delivered
    When I request a password reset for "sam"
    Then I should see "You must enter your email address."
      And I should not see "If the email address you entered is currently associated with an AO3 account, you should receive an email with instructions to reset your password."
      And 0 email should be delivered
  
  Scenario: Attackers should see a fake success message when requesting password resets with a non-existant email
    Given I have no users
      And the following activated user exists
      | email           | login | password |
      | sam@example.com | sam   | secret12 |
      And all emails have been delivered
    When I request a password reset for "1@example.com"
    Then I should see "If the email address you entered is currently associated with an AO3 account, you should receive an email with instructions to reset your password."
      And 0 email should be delivered

  Scenario Outline: Passwords cannot be reset for users with certain roles.
    Given the following activated user exists
      | login  | email            |
      | target | user@example.com |
      And the user "target" <role>
    When I am on the home page
      And I follow "Forgot password?"
      And I fill in "Email address" with "user@example.com"
      And I press "Reset Password"
    Then I should be on the new user password page
      And I should see "If the email address you entered is currently associated with an AO3 account, you should receive an email with instructions to reset your password."
      And 0 emails should be delivered

    Examples:
      | role                   |
      | is a protected user    |
      | has the no resets role |

  Scenario: Admin cannot log in or reset password as ordinary user.
    Given the following admin exists
      | login | password      |
      | admin | adminpassword |
    When I go to the login page
      And I fill in "Username or email" with "admin"
      And I fill in "Password" with "adminpassword"
      And I press "Log In"
    Then I should not see "Successfully logged in"
      And I should see "The password or username you entered doesn't match our records."
    When I am logged in as an admin
      And I go to the forgot password page
    Then I should be on the homepage
      And I should see "Please log out of your admin account first!"
    When I go to the edit user password page
    Then I should be on the homepage
      And I should see "Please log out of your admin account first!"

  @no-js-emulation
  Scenario: Log out with javascript disabled redirects to page prior to log out
    Given I am logged in
      And I am on the works page
    When I follow "Log Out"
    Then I should see "Are you sure you want to log out?"
    When I press "Yes, Log Out"
    Then I should see "Successfully logged out."
      And I should be on the works page

  Scenario: User is redirected back to restricted work after login
    Given I am logged in as "test" with password "password"
      And I post the locked work "Secret"
      And I log out
    When I view the work "Secret"
    Then I should see "Sorry!"
      And I should see "This work is only available to registered users of the Archive."
    When I fill in "Username or email:" with "test" within "#main"
      And I fill in "Password:" with "password" within "#main"
      And I press "Log in" within "#main"
    Then I should see "Secret"

