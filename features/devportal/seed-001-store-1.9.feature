@surface:devportal @needs:apim @needs:admin-api
Feature: Seed 001 - Provisioning out-of-band OAuth clients in the API Manager 1.9 Store

  A client created in API Manager's own Identity Server (Service Providers > Add > Register >
  OAuth/OpenID Connect Configuration) is provided to an application with the Store's "Provide
  Keys": log in, paste the consumer key and secret, Save.

  Background:
    Given the TPP "tpp" has signed up in the Developer Portal
    And the TPP "tpp" has created the application "TppApp"
    # Steps 1-5: the OAuth client, without a callback URL and so without Code and Implicit.
    And an OAuth client "external" has been created in API Manager's own Identity Server with:
      """
      {"grant_types": ["client_credentials", "password", "refresh_token"], "redirect_uris": []}
      """

  @rule:WSO2-OOB-06 @rule:WSO2-OOB-01
  Scenario: The TPP logs in to the API Store and provides the keys of the external client
    # Step 7: Log in to the API Store.
    When the TPP "tpp" logs in to the API Store
    Then the Store answers "{\"error\": false}"
    # Steps 8-9: Provide Keys > paste the pair > Save.
    When the TPP "tpp" provides the keys of the client "external" for "TppApp" as PRODUCTION keys in the API Store
    Then the Store answers the keys of the client "external"
    When the TPP "tpp" lists the keys of "TppApp"
    Then the key of the client "external" is listed with:
      """
      {"mode": "MAPPED", "keyType": "PRODUCTION", "keyManager": "Resident Key Manager"}
      """

  @rule:WSO2-OOB-09
  Scenario: The Store's session cookie travels over HTTPS only and is out of scripts' reach
    When the TPP "tpp" logs in to the API Store
    Then the Store answers "{\"error\": false}"
    And the Store's session cookie "JSESSIONID" is flagged "Secure, HttpOnly"

  @rule:WSO2-OOB-06
  Scenario: Without the Store session, or for a client already provided, the Store answers an error
    When the TPP "tpp" logs in to the API Store
    Then the Store answers "{\"error\": false}"
    When the keys of the client "external" are provided for "TppApp" of the TPP "tpp" as PRODUCTION keys without the Store session
    Then the Store answers "{\"error\": true}"
    When the TPP "tpp" provides the keys of the client "external" for "TppApp" as PRODUCTION keys in the API Store
    Then the Store answers the keys of the client "external"
    When the TPP "tpp" provides the keys of the client "external" for "TppApp" as SANDBOX keys in the API Store
    Then the Store answers "{\"error\": true, \"message\": \"Error occurred while executing the action mapExistingOauthClient\"}"

  @rule:WSO2-OOB-06
  Scenario Outline: The Store maps the client by the form's or jsonParams' client id, as <keyType> keys
    When the TPP "tpp" logs in to the API Store
    And the TPP "tpp" provides the keys of the client "external" for "TppApp" as <keyType> keys in the API Store with the form changed by '<change>'
    Then the Store answers the keys of the client "external"

    Examples:
      | keyType    | change                              |
      | PRODUCTION | {}                                  |
      | PRODUCTION | {"client_id": null}                 |
      | PRODUCTION | {"jsonParams": {"client_id": null}} |
      | SANDBOX    | {}                                  |

  @rule:WSO2-OOB-08
  Scenario Outline: The Store's login page answers a failed login or another action with HTTP 200 and error true
    When the TPP "tpp" posts the API Store login form changed by '<change>'
    Then the Store answers an error whose message starts with "<message>"

    Examples:
      | change                  | message             |
      | {"password": "wrong"}   | Login failed.       |
      | {"username": "nobody"}  | Login failed.       |
      | {"action": "fly"}       | fly is not supported |

  @rule:WSO2-OOB-08
  Scenario: The Store's login page without an action answers error true
    When the TPP "tpp" posts the API Store login form changed by '{"action": null}'
    Then the Store answers "{\"error\": true}"

  @rule:WSO2-OOB-08
  Scenario: The Store looks at the action before the session, and asks for a login only for its own action
    When the keys of the client "external" are provided for "TppApp" of the TPP "tpp" as PRODUCTION keys without the Store session, the form changed by '{"action": "fly"}'
    Then the Store answers "{\"error\": true, \"message\": \"fly is not supported\"}"
    When the keys of the client "external" are provided for "TppApp" of the TPP "tpp" as PRODUCTION keys without the Store session
    Then the Store answers "{\"error\": true, \"message\": \"Please login with a valid username/password\"}"
    When the TPP "tpp" logs in to the API Store
    And the TPP "tpp" provides the keys of the client "external" for "TppApp" as PRODUCTION keys in the API Store with the form changed by '{"action": "fly"}'
    Then the Store answers "{\"error\": true, \"message\": \"fly is not supported\"}"

  @rule:WSO2-OOB-08
  Scenario Outline: The Store refuses a mapping it cannot make (<case>) with the action's failure text
    When the TPP "tpp" logs in to the API Store
    And the TPP "tpp" provides the keys of the client "external" for "TppApp" as PRODUCTION keys in the API Store with the form changed by '<change>'
    Then the Store answers "{\"error\": true, \"message\": \"Error occurred while executing the action mapExistingOauthClient\"}"
    # The refused attempt left nothing behind: the same client is still mapped afterwards.
    When the TPP "tpp" provides the keys of the client "external" for "TppApp" as PRODUCTION keys in the API Store
    Then the Store answers the keys of the client "external"

    Examples:
      | case                         | change                                                   |
      | an application not the TPP's | {"applicationName": "NoSuchApplication"}                 |
      | no key type                  | {"keytype": null}                                        |
      | no client id                 | {"client_id": null, "jsonParams": {"client_id": null}}   |
      | no jsonParams                | {"jsonParams": null}                                     |
      | jsonParams not JSON          | {"jsonParams": "client_secret="}                         |
      | only jsonParams, not JSON    | {"client_id": null, "jsonParams": "client_secret="}      |
      | a client id not a string     | {"client_id": null, "jsonParams": {"client_id": 5}}      |
