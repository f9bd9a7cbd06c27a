# source: ggozad/behaving tests/features/mouse.feature @6ee3f1225048f5886428d9620c76c8189a991e8f
Feature: Mouse interactions

    @no_remote_webdriver
    @web
    Scenario: Mouse over and out
        # Firefox has trouble with mouse-out
        Given Chrome as the default browser
        Given a browser
        When I visit "http://web/mouse.html"
        And I mouse over the element with xpath "//span[@id='mouse-interaction']"
        Then I should see "Over"
        When I mouse out of the element with xpath "//span[@id='mouse-interaction']"
        Then I should see "and out" within 5 seconds
