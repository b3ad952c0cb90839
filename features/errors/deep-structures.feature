@surface:token @needs:admin-api
Feature: Structures nested far beyond any need are refused before use
  A JOSE header or JSON body nested thousands of levels deep (20,000 overflows even a worker
  thread's larger stack) must get a well-formed refusal, never
  a 5xx, and change nothing (issue 16 points 3 and 4; CWE-674).

  @rule:JWT-14 @needs:mtls
  Scenario Outline: A client assertion whose <member> header nests 20,000 levels deep fails client authentication
    Given the client "app" is registered for private_key_jwt with the tpp1 signing key
    When the client "app" requests a client_credentials token as tpp1 with a client assertion whose "<member>" header nests 20000 levels deep
    Then the response is a well-formed JSON error with a 4xx status
    And the client "app" still has no token

    Examples:
      | member |
      | crit   |
      | typ    |

  @rule:WSO2-ERR-01 @surface:is-dcr
  Scenario: IS DCR metadata nested 3,000 levels deep is refused and nothing is registered
    When the admin registers an IS DCR client named "deep" whose jwks nests 3000 levels deep
    Then the response is a well-formed JSON error with a 4xx status
    When the admin looks up an IS DCR client named "deep"
    Then the response status is 401
