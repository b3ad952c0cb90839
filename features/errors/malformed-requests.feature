@surface:errors
Feature: Malformed and oversized requests get well-formed errors
  Whatever a client sends, the answer is a JSON error with a 4xx status: never a 5xx, a stack
  trace or an HTML page.

  @rule:WSO2-ERR-01
  Scenario Outline: An oversized body to <listener> <path> is refused with 413
    When the client sends a 2 MiB body to the <listener> path "<path>"
    Then the response status is 413
    And the response is a well-formed JSON error with a 4xx status

    Examples:
      | listener | path                                   |
      | is       | /oauth2/token                          |
      | is       | /api/identity/oauth2/dcr/v1.1/register |
      | gateway  | /open-banking/v3.3.0/register          |
      | apim     | /api/am/devportal/v3/applications      |

  @rule:WSO2-ERR-01
  Scenario Outline: An oversized body sent in chunks to <listener> <path> is refused with 413
    When the client sends a 2 MiB body in chunks to the <listener> path "<path>"
    Then the response status is 413
    And the response is a well-formed JSON error with a 4xx status

    Examples:
      | listener | path                                   |
      | is       | /oauth2/token                          |
      | apim     | /api/am/devportal/v3/applications      |

  @rule:WSO2-ERR-01
  Scenario Outline: An unknown route on <listener> answers a JSON 404
    When the client sends GET to the <listener> path "/no/such/resource"
    Then the response status is 404
    And the response is a well-formed JSON error with a 4xx status

    Examples:
      | listener |
      | is       |
      | apim     |
      | gateway  |
