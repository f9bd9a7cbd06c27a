# source: arnaud-dezandee/cucumber-mink test/features/selectors.feature @6c29345b215fe41c6ac7e9b76122ce3b898f36d1
Feature: I can test abstracted selectors with cucumber-mink

  Background:
    Given I browse "http://localhost:3000/"

  Scenario: Abstracted selectors for blog posts
    Given I am on the homepage
    Then I should see 3 "Blogpost Teaser" elements
