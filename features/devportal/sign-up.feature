@surface:devportal @needs:apim @needs:admin-api
Feature: A TPP signs up and signs in to the Developer Portal

  Seed 000 "Step 1: Sign up as a TPP" and "Step 2: Sign in to the Developer Portal as the TPP":
  the self-registration form posts the new account to the user API; the portal then calls its
  REST API as the TPP.

  @rule:WSO2-DEVP-01
  Scenario: A TPP creates an account; the same username cannot be registered twice
    When the TPP "one" signs up in the Developer Portal
    Then the response status is 201
    And the response body is empty
    When someone else signs up with the username of the TPP "one"
    Then the response status is 409
    And the identity error is "20030" "Conflict" "User {{tpp:one}} already exists in the system. Please use a different username."

  @rule:WSO2-DEVP-01
  Scenario Outline: A sign-up <how> is refused with 401 and creates no account
    When the TPP "one" signs up <how>
    Then the response status is 401
    And the TPP "one" has no account in API Manager

    Examples:
      | how                                  |
      | without credentials                  |
      | with a wrong password for its caller |

  @rule:WSO2-DEVP-01
  Scenario Outline: A sign-up <how> is refused with 400 and creates no account
    When the TPP "one" signs up <how>
    Then the response status is 400
    And the response is an identity error with the message "Bad Request"
    And the TPP "one" has no account in API Manager

    Examples:
      | how                    |
      | without user details   |
      | without a username     |
      | with a blank username  |
      | without a password     |
      | with an empty password |

  @rule:WSO2-DEVP-22
  Scenario Outline: The admin finds a signed-up TPP with the filter '<filter>' and removes it; the TPP can no longer sign in
    Given the TPP "one" has signed up in the Developer Portal
    When the admin searches the API Manager users with the filter '<filter>'
    Then the response status is 200
    And the one user found is the TPP "one"
    When the admin deletes the user found
    Then the response status is 204
    And the TPP "one" has no account in API Manager
    And the TPP "one" cannot sign in

    # RFC 7644 §3.4.2.2: attribute names and operators are case-insensitive.
    Examples:
      | filter                   |
      | userName eq "{{tpp:one}}" |
      | userName eq {{tpp:one}}   |
      | USERNAME Eq "{{tpp:one}}" |

  # RFC 7644 §3.4.2.2 (eq: the whole value), §3.6 (a resource the provider has no record of: 404).
  @rule:WSO2-DEVP-22
  Scenario: A search finds only the user named, and deleting a user that does not exist is 404
    Given the TPP "one" has signed up in the Developer Portal
    When the admin searches the API Manager users with the filter 'userName eq "{{tpp:one}}-not"'
    Then the response status is 200
    And the response member "totalResults" is the JSON "0"
    When the admin deletes the API Manager user "0f0e0d0c-0b0a-5909-8807-060504030201"
    Then the response status is 404
    And the TPP "one" signs in to the Developer Portal with a REST API token
    And the response status is 200

  @rule:WSO2-DEVP-22
  Scenario: A TPP cannot search API Manager's users
    Given the TPP "one" has signed up in the Developer Portal
    When the TPP "one" searches the API Manager users for itself
    Then the response status is 401

  @rule:WSO2-DEVP-02
  Scenario: The signed-up TPP signs in with a REST API token carrying the portal's scopes
    Given the TPP "one" has signed up in the Developer Portal
    When the TPP "one" signs in to the Developer Portal with a REST API token
    Then the response status is 200
    When the TPP "one" lists its applications
    Then the response status is 200
    And the response member "count" is the JSON "0"

  @rule:WSO2-DEVP-02
  Scenario: The portal refuses a caller without credentials
    When a caller without credentials lists the applications
    Then the portal answers 401 with the error 401 "" "Unauthenticated request"

  @rule:WSO2-DEVP-02
  Scenario: A token without the portal's scopes opens no application
    Given the TPP "one" has signed up in the Developer Portal
    When the TPP "one" signs in with a REST API token for the scope "openid" only
    Then the response status is 200
    And the token carries the scopes "default"
    When the TPP "one" lists its applications
    Then the portal answers 401 with the error 401 "" "Unauthenticated request"
