@surface:is-dcr @needs:admin-api
Feature: Managing Identity Server DCR v1.1 clients

  Background:
    Given the admin has registered the IS DCR client "app" with:
      """
      {"client_name": "{{unique:app}}", "grant_types": ["client_credentials"]}
      """

  @rule:WSO2-ISDCR-08
  Scenario: The admin reads a client by id, with its secret
    When the admin gets the IS DCR client "app"
    Then the response status is 200
    And the response member "client_id" is "{{client_id:app}}"
    And the response member "client_name" is "{{unique:app}}"
    And the response member "client_secret" is a non-empty string

  @rule:WSO2-ISDCR-08
  Scenario: The admin looks a client up by name
    When the admin looks up the IS DCR client "app" by name
    Then the response status is 200
    And the response member "client_id" is "{{client_id:app}}"

  @rule:WSO2-ISDCR-09
  Scenario: An update changes only the members it sends
    When the admin updates the IS DCR client "app" with:
      """
      {"ext_application_token_lifetime": 1200}
      """
    Then the response status is 200
    And the response member "client_id" is "{{client_id:app}}"
    And the response member "ext_application_token_lifetime" is the JSON "1200"
    When the admin gets the IS DCR client "app"
    Then the response member "client_name" is "{{unique:app}}"
    And the response member "grant_types" is the JSON "[\"client_credentials\"]"

  @rule:WSO2-ISDCR-09
  Scenario: An update keeps a name, list or number it sends empty, and clears a flag it does not send
    Given the admin has registered the IS DCR client "flagged" with:
      """
      {"client_name": "{{unique:flagged}}", "grant_types": ["client_credentials"], "ext_pkce_mandatory": true,
       "ext_application_token_lifetime": 900}
      """
    When the admin updates the IS DCR client "flagged" with:
      """
      {"client_name": "", "grant_types": [], "ext_application_token_lifetime": null, "ext_user_token_lifetime": 1800}
      """
    Then the response status is 200
    When the admin gets the IS DCR client "flagged"
    Then the response member "client_name" is "{{unique:flagged}}"
    And the response member "grant_types" is the JSON "[\"client_credentials\"]"
    And the response member "ext_application_token_lifetime" is the JSON "900"
    And the response member "ext_user_token_lifetime" is the JSON "1800"
    And the response member "ext_pkce_mandatory" is the JSON "false"

  @rule:WSO2-ISDCR-09
  Scenario: The admin replaces a client's metadata
    When the admin updates the IS DCR client "app" with:
      """
      {"client_name": "{{unique:app}}", "grant_types": ["client_credentials", "authorization_code"],
       "redirect_uris": ["https://tpp.example/new-callback"]}
      """
    Then the response status is 200
    And the response member "client_id" is "{{client_id:app}}"
    And the response member "redirect_uris" is the JSON "[\"https://tpp.example/new-callback\"]"
    When the admin gets the IS DCR client "app"
    Then the response member "grant_types" is the JSON "[\"client_credentials\", \"authorization_code\"]"

  @rule:WSO2-ISDCR-03
  Scenario: An update to another client's name is refused, and both keep theirs
    Given the admin has registered the IS DCR client "other" with:
      """
      {"client_name": "{{unique:other}}", "grant_types": ["client_credentials"]}
      """
    When the admin updates the IS DCR client "app" with:
      """
      {"client_name": "{{unique:other}}"}
      """
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And in the WSO2 dialect the error description is "Application with the name {{unique:other}} already exist in the system"
    When the admin gets the IS DCR client "app"
    Then the response member "client_name" is "{{unique:app}}"

  @rule:WSO2-ISDCR-09 @rule:WSO2-ERR-01
  Scenario: An update whose body is a JSON list is refused and changes nothing
    When the admin updates the IS DCR client "app" with:
      """
      [{"client_name": "{{unique:renamed}}", "grant_types": ["authorization_code"]}]
      """
    Then the response is a well-formed JSON error with a 4xx status
    When the admin gets the IS DCR client "app"
    Then the response member "client_name" is "{{unique:app}}"
    And the response member "grant_types" is the JSON "[\"client_credentials\"]"

  @rule:WSO2-ISDCR-06
  Scenario: Deleting a client removes it
    When the admin deletes the IS DCR client "app"
    Then the response status is 204
    And the response body is empty
    When the admin gets the IS DCR client "app"
    Then the response status is 401

  @rule:WSO2-ISDCR-05
  Scenario Outline: An unknown client id answers 401 with an empty body (<verb>)
    When the admin <verb> an IS DCR client that does not exist
    Then the response status is 401
    And the response body is empty

    Examples:
      | verb    |
      | gets    |
      | updates |
      | deletes |
