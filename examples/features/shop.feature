# The shop flows of examples/requirements (shop_login.json, shop_flow.txt) as testers write them in Gherkin:
# Mink's and Capybara's web steps, and the shop's own steps from shop.steps next to this file.
@shop
Feature: Swag Labs shop

  Background:
    Given I am on "/shop/"

  @smoke @login
  Scenario Outline: Valid users reach the products page
    When I fill in "Username" with "<user>"
    And I fill in "Password" with "secret_sauce"
    And I press "Login"
    Then I should see "Products"
    And I should be on "/shop/inventory.html"

    Examples:
      | user                    |
      | standard_user           |
      | performance_glitch_user |

  @login
  Scenario Outline: Rejected logins say why
    When I fill in "Username" with "<user>"
    And I fill in "Password" with "<password>"
    And I press "Login"
    Then I should see "<message>"
    And I should be on "/shop/"

    Examples:
      | user            | password       | message                                                                    |
      | locked_out_user | secret_sauce   | Epic sadface: Sorry, this user has been locked out.                        |
      | standard_user   | wrong_password | Epic sadface: Username and password do not match any user in this service |

  @checkout
  Scenario: Buy two products
    Given I am logged in as "standard_user"
    When I add "Sauce Labs Backpack" to the cart
    And I add "Sauce Labs Onesie" to the cart
    And I follow "Shopping cart"
    Then I should see "Your Cart"
    And I should see 2 "Remove" buttons
    When I check out as "John" "Doe" from "12345"
    Then I should see "Item total: $37.98"
    When I press "Finish"
    Then I should see "Thank you for your order!"

  @checkout
  Scenario: The checkout form takes the customer's details as a table
    Given I am logged in as "standard_user"
    When I add "Sauce Labs Bike Light" to the cart
    And I follow "Shopping cart"
    And I press "Checkout"
    And I fill in the following:
      | First Name      | Jane  |
      | Last Name       | Roe   |
      | Zip/Postal Code | 54321 |
    Then the "First Name" field should contain "Jane"
    When I press "Continue"
    Then I should see "Item total: $9.99"
