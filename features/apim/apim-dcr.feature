@surface:apim @needs:apim @needs:admin-api
Feature: Seed 003 - an application registers through the APIM DCR API v0.17

  @rule:WSO2-APIMDCR-01
  Scenario: The admin registers a REST API client with the seed's request
    When the admin registers the REST API client "rest" through APIM DCR with:
      """
      {"callbackUrl": "www.example.com", "clientName": "{{unique:rest_api_publisher}}", "owner": "{{admin}}",
       "grantType": "client_credentials password refresh_token", "saasApp": true, "tokenType": "JWT",
       "userstoreDomainInSubject": true}
      """
    Then the response status is 200
    And the response has exactly the members "clientId, clientName, callBackURL, clientSecret, isSaasApplication, appOwner, jsonString, jsonAppAttribute, applicationUUID, tokenType"
    And the response member "clientName" is "{{unique:rest_api_publisher}}"
    And the response member "callBackURL" is "www.example.com"
    And the response member "isSaasApplication" is the JSON "true"
    And the response member "appOwner" is the URL "{{admin}}"
    And the response member "clientId" is a non-empty string
    And the response member "clientSecret" is a non-empty string
    And the response member "jsonAppAttribute" is "{}"
    And the response member "applicationUUID" is the JSON "null"
    And the response member "tokenType" is "JWT"
    And the response member "jsonString" is a JSON string holding:
      """
      {"grant_types": "client_credentials password refresh_token", "redirect_uris": "www.example.com",
       "client_name": "{{unique:rest_api_publisher}}"}
      """

  @rule:WSO2-APIMDCR-03
  Scenario: Registering the same clientName again answers the same client
    When the admin registers the REST API client "rest" through APIM DCR with:
      """
      {"clientName": "{{unique:rest_api_admin}}", "owner": "{{admin}}", "grantType": "client_credentials password refresh_token", "saasApp": true}
      """
    Then the response status is 200
    When the admin registers the REST API client "rest" through APIM DCR with:
      """
      {"clientName": "{{unique:rest_api_admin}}", "owner": "{{admin}}", "grantType": "client_credentials password refresh_token", "saasApp": true}
      """
    Then the response status is 200
    And the response carries the credentials of the REST API client "rest"
    And the response member "jsonString" is a JSON string holding:
      """
      {"grant_types": "client_credentials password refresh_token"}
      """

  @rule:WSO2-APIMDCR-11 @rule:WSO2-KM-01
  Scenario: The registered client gets a REST API token with the password grant and calls the admin API
    When the admin registers the REST API client "rest" through APIM DCR with:
      """
      {"clientName": "{{unique:rest_api_admin}}", "owner": "{{admin}}", "grantType": "client_credentials password refresh_token", "saasApp": true}
      """
    Then the response status is 200
    When the admin gets a REST API token for "rest" with the password grant and the scope "apim:admin apim:keymanagers_manage"
    Then the response status is 200
    And the token carries the scopes "apim:admin apim:keymanagers_manage"
    When the admin lists the key managers with that token
    Then the response status is 200

  @rule:WSO2-KM-01
  Scenario: A token without the operation's scope is not authenticated
    When the admin registers the REST API client "rest" through APIM DCR with:
      """
      {"clientName": "{{unique:rest_api_admin}}", "owner": "{{admin}}", "grantType": "password", "saasApp": true}
      """
    And the admin gets a REST API token for "rest" with the password grant and the scope "apim:keymanagers_manage"
    Then the response status is 200
    When the admin deletes a key manager with that token
    Then the response status is 401
    And the response is the APIM error 401 "" "Unauthenticated request"

  @rule:WSO2-KM-01
  Scenario: A TPP's own Basic credentials do not open the admin API
    Given the TPP "tpp" has signed up in the Developer Portal
    When the TPP "tpp" lists the key managers with its Basic credentials
    Then the response status is 401
    And the response is the APIM error 401 "" "Unauthenticated request"

  @rule:WSO2-APIMDCR-02
  Scenario Outline: A caller <who> cannot register
    When a caller "<who>" registers a REST API client through APIM DCR
    Then the response status is 401

    Examples:
      | who                   |
      | without credentials   |
      | with a wrong password |

  @rule:WSO2-APIMDCR-05
  Scenario Outline: The owner is required: <case>
    When the admin registers the REST API client "ownerless" through APIM DCR with:
      """
      {"clientName": "{{unique:ownerless}}", "grantType": "password"<owner>}
      """
    Then the response status is 400
    And the response is the APIM error 400 "Application owner cannot be empty" "Application owner cannot be empty"

    Examples:
      | case    | owner            |
      | missing |                  |
      | empty   | , "owner": ""    |
      | blank   | , "owner": "   " |

  @rule:WSO2-APIMDCR-06
  Scenario: The admin cannot register for a user who does not exist
    When the admin registers the REST API client "ghost" through APIM DCR with:
      """
      {"clientName": "{{unique:ghost}}", "owner": "{{unique:nobody}}", "grantType": "password"}
      """
    Then the response status is 403
    And the response is the APIM error 403 "User: {{unique:nobody}} does not exist for application registration" "User: {{unique:nobody}} does not exist for application registration"

  @rule:WSO2-APIMDCR-08
  Scenario: A registration without grantType fails as the product does
    When the admin registers the REST API client "grantless" through APIM DCR with:
      """
      {"clientName": "{{unique:grantless}}", "owner": "{{admin}}"}
      """
    Then the response is the product's generic internal error

  @rule:WSO2-APIMDCR-09
  Scenario Outline: Without a callback URL (<case>) the redirect-based grants are dropped
    When the admin registers the REST API client "no-callback" through APIM DCR with:
      """
      {"clientName": "{{unique:no-callback}}", "owner": "{{admin}}", "grantType": "<sent>"<callback>}
      """
    Then the response status is 200
    And the response member "jsonString" is a JSON string holding:
      """
      {"grant_types": "<kept>", "client_name": "{{unique:no-callback}}"}
      """

    Examples:
      | case                    | callback               | sent                                           | kept               |
      | missing                 |                        | authorization_code implicit password           | password           |
      | empty                   | , "callbackUrl": ""    | authorization_code implicit password           | password           |
      | blank                   | , "callbackUrl": "   " | authorization_code implicit password           | password           |
      | grant names in capitals |                        | Authorization_Code IMPLICIT client_credentials | client_credentials |

  @rule:WSO2-APIMDCR-09
  Scenario: With a callback URL the redirect-based grants are kept
    When the admin registers the REST API client "with-callback" through APIM DCR with:
      """
      {"clientName": "{{unique:with-callback}}", "owner": "{{admin}}", "grantType": "authorization_code implicit password",
       "callbackUrl": "https://tpp.example.com/callback"}
      """
    Then the response status is 200
    And the response member "jsonString" is a JSON string holding:
      """
      {"grant_types": "authorization_code implicit password", "redirect_uris": "https://tpp.example.com/callback",
       "client_name": "{{unique:with-callback}}"}
      """

  @rule:WSO2-APIMDCR-10
  Scenario: DELETE on the registration endpoint was never implemented
    When the admin sends DELETE to the APIM DCR endpoint
    Then the response status is 500
    And the response is the APIM error 500 "Internal server error" "Dynamic Client Registration Service's resource deletion not implemented."

  @rule:WSO2-APIMDCR-07
  Scenario: A TPP registers REST API clients only for itself
    Given the TPP "tpp" has signed up in the Developer Portal
    When the TPP "tpp" registers a REST API client through APIM DCR with:
      """
      {"clientName": "{{unique:tpp_rest}}", "owner": "{{admin}}", "grantType": "client_credentials password refresh_token", "saasApp": true}
      """
    Then the response status is 400
    And the response is the APIM error 400 "Bad Request" "Logged in user '{{tpp:tpp}}' and application owner '{{admin}}' should be same."

  @rule:WSO2-APIMDCR-04
  Scenario: A clientName of another owner's application is refused
    Given the TPP "tpp" has signed up in the Developer Portal
    When the admin registers the REST API client "rest" through APIM DCR with:
      """
      {"clientName": "{{unique:taken_rest}}", "owner": "{{admin}}", "grantType": "client_credentials password refresh_token", "saasApp": true}
      """
    Then the response status is 200
    When the TPP "tpp" registers a REST API client through APIM DCR with:
      """
      {"clientName": "{{unique:taken_rest}}", "owner": "{{tpp:tpp}}", "grantType": "client_credentials password refresh_token", "saasApp": true}
      """
    Then the response status is 403
    And the response is the APIM error 403 "Forbidden" "Access is forbidden to the application"

  @rule:WSO2-APIMDCR-04
  Scenario: The admin cannot take another user's clientName for itself
    Given the TPP "tpp" has signed up in the Developer Portal
    When the TPP "tpp" registers a REST API client through APIM DCR with:
      """
      {"clientName": "{{unique:tpp_taken}}", "owner": "{{tpp:tpp}}", "grantType": "password", "saasApp": true}
      """
    Then the response status is 200
    When the admin registers the REST API client "taken" through APIM DCR with:
      """
      {"clientName": "{{unique:tpp_taken}}", "owner": "{{admin}}", "grantType": "password", "saasApp": true}
      """
    Then the response status is 403
    And the response is the APIM error 403 "Forbidden" "Access is forbidden to the application"

  @rule:WSO2-APIMDCR-03
  Scenario: A TPP registering its clientName again gets the same client
    Given the TPP "tpp" has signed up in the Developer Portal
    When the TPP "tpp" registers the REST API client "tpp_rest" through APIM DCR with:
      """
      {"clientName": "{{unique:tpp_again}}", "owner": "{{tpp:tpp}}", "grantType": "password", "saasApp": true}
      """
    Then the response status is 200
    When the TPP "tpp" registers the REST API client "tpp_rest" through APIM DCR with:
      """
      {"clientName": "{{unique:tpp_again}}", "owner": "{{tpp:tpp}}", "grantType": "password", "saasApp": true}
      """
    Then the response status is 200
    And the response carries the credentials of the REST API client "tpp_rest"

  @rule:WSO2-APIMDCR-03
  Scenario: The admin registering for a user gets that user's existing client
    Given the TPP "tpp" has signed up in the Developer Portal
    When the TPP "tpp" registers the REST API client "tpp_rest" through APIM DCR with:
      """
      {"clientName": "{{unique:tpp_own}}", "owner": "{{tpp:tpp}}", "grantType": "password", "saasApp": true}
      """
    Then the response status is 200
    When the admin registers the REST API client "on_behalf" through APIM DCR with:
      """
      {"clientName": "{{unique:tpp_own}}", "owner": "{{tpp:tpp}}", "grantType": "password", "saasApp": true}
      """
    Then the response status is 200
    And the response carries the credentials of the REST API client "tpp_rest"

  @rule:WSO2-APIMDCR-12
  Scenario: A registration without clientName registers nothing
    When the admin registers the REST API client "nameless" through APIM DCR with:
      """
      {"owner": "{{admin}}", "grantType": "password"}
      """
    Then the response status is 500

  @rule:WSO2-APIMDCR-12
  Scenario Outline: A registration with an <case> clientName fails as the product does
    When the admin registers the REST API client "nameless" through APIM DCR with:
      """
      {"clientName": <json>, "owner": "{{admin}}", "grantType": "password"}
      """
    Then the response status is 500
    And the response is the APIM error 500 "Internal server error" "OAuth app <quoted> creation or updating failed. Dynamic Client Registration Service not available."

    Examples:
      | case  | json  | quoted |
      | empty | ""    | ''     |
      | blank | "   " | '   '  |

  @rule:WSO2-APIMDCR-13
  Scenario Outline: Without a tokenType (<case>) the app's token type is DEFAULT
    When the admin registers the REST API client "default-token" through APIM DCR with:
      """
      {"clientName": "{{unique:default-token}}", "owner": "{{admin}}", "grantType": "password"<tokenType>}
      """
    Then the response status is 200
    And the response member "tokenType" is "DEFAULT"

    Examples:
      | case    | tokenType         |
      | missing |                   |
      | empty   | , "tokenType": "" |

  @rule:WSO2-APIMDCR-14
  Scenario Outline: A JSON <type> given for a string member is taken as its text
    When the admin registers the REST API client "scalar" through APIM DCR with:
      """
      {"clientName": "{{unique:scalar}}", "owner": "{{admin}}", "grantType": "client_credentials", "callbackUrl": <json>}
      """
    Then the response status is 200
    And the response member "callBackURL" is "<text>"

    Examples:
      | type    | json | text |
      | number  | 8080 | 8080 |
      | boolean | true | true |

  @rule:WSO2-APIMDCR-14
  Scenario Outline: saasApp <case> makes the app <saas> as Jackson binds a boolean
    When the admin registers the REST API client "saas" through APIM DCR with:
      """
      {"clientName": "{{unique:saas}}", "owner": "{{admin}}", "grantType": "client_credentials"<saasApp>}
      """
    Then the response status is 200
    And the response member "isSaasApplication" is the JSON "<saas>"

    Examples:
      | case       | saasApp              | saas  |
      | true       | , "saasApp": true    | true  |
      | "true"     | , "saasApp": "true"  | true  |
      | 1          | , "saasApp": 1       | true  |
      | false      | , "saasApp": false   | false |
      | "false"    | , "saasApp": "false" | false |
      | 0          | , "saasApp": 0       | false |
      | absent     |                      | false |

  @rule:WSO2-KM-01
  Scenario Outline: A token with the scope "<scope>" <call>: <status>
    When the admin registers the REST API client "rest" through APIM DCR with:
      """
      {"clientName": "{{unique:rest_scoped}}", "owner": "{{admin}}", "grantType": "password", "saasApp": true}
      """
    And the admin gets a REST API token for "rest" with the password grant and the scope "<scope>"
    Then the response status is 200
    And the token carries the scopes "<scope>"
    When the admin <call> with that token
    Then the response status is <status>

    Examples:
      | scope                              | call                                  | status |
      | apim:keymanagers_manage            | lists the key managers                | 200    |
      | apim:admin_operations              | lists the key managers                | 200    |
      | apim:admin                         | lists the key managers                | 200    |
      | apim:admin_settings                | lists the key managers                | 401    |
      | apim:admin_settings apim:subscribe | lists the key managers                | 401    |
      | apim:subscribe apim:admin          | lists the key managers                | 200    |
      | apim:admin_operations              | deletes a key manager                 | 404    |
      | apim:admin                         | deletes a key manager                 | 404    |
      | apim:admin_settings                | deletes a key manager                 | 401    |
      | apim:admin_settings                | reads the key manager settings        | 200    |
      | apim:admin                         | reads the key manager settings        | 200    |
      | apim:keymanagers_manage            | reads the key manager settings        | 401    |
      | apim:admin_operations              | reads the key manager settings        | 401    |
