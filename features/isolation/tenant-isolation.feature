@surface:ob-dcr @needs:ob-dcr @needs:mtls
Feature: One TPP cannot reach another TPP's registration or tokens
  Two TPPs of two organisations share one bank. Whatever token and certificate TPP 2 combines,
  it neither reads, changes nor deletes TPP 1's registration, nor sees, revokes or uses TPP 1's
  tokens; TPP 1's registration and token keep working (issue 16, isolation).

  Background:
    Given tpp1 has registered the client "victim"
    And tpp2 has registered the client "intruder"
    And the client "victim" has a management token
    And the client "intruder" has a management token

  @rule:DCR-MGT-08
  Scenario Outline: TPP 2's own token <verb> nothing of TPP 1's registration, over the <cert> certificate
    When the client "intruder" <verb> the registration of "victim" over the <cert> transport certificate
    Then the response status is 401
    When the client "victim" retrieves its registration
    Then the response status is 200
    And the response is the registration of "victim"

    Examples:
      | verb      | cert |
      | retrieves | tpp2 |
      | updates   | tpp2 |
      | deletes   | tpp2 |
      | retrieves | tpp1 |
      | updates   | tpp1 |
      | deletes   | tpp1 |

  @rule:DCR-MGT-08
  Scenario Outline: Another client of TPP 1's own organisation <verb> nothing of its registration
    Given tpp1 has registered the client "sibling" as another software of its organisation
    And the client "sibling" has a management token
    When the client "sibling" <verb> the registration of "victim" over the tpp1 transport certificate
    Then the response status is 401
    When the client "victim" retrieves its registration
    Then the response status is 200

    Examples:
      | verb      |
      | retrieves |
      | updates   |
      | deletes   |

  @rule:CNF-03 @rule:DCR-MGT-08
  Scenario Outline: TPP 1's token in TPP 2's hands <verb> nothing over TPP 2's certificate
    When the client "victim" <verb> its registration with the tpp2 transport certificate
    Then the response status is 401
    When the client "victim" retrieves its registration
    Then the response status is 200

    Examples:
      | verb      |
      | retrieves |
      | updates   |
      | deletes   |

  @rule:INTRO-10
  Scenario: TPP 2 introspecting TPP 1's token learns only that it is inactive
    When the client "intruder" introspects the access token of "victim" as tpp2
    Then the introspection says only that the token is inactive

  @rule:REV-08
  Scenario: TPP 2 cannot revoke TPP 1's token, which keeps working
    When the client "intruder" revokes the access token of "victim" as tpp2
    Then the response is a well-formed JSON error with a 4xx status
    When the client "victim" retrieves its registration
    Then the response status is 200

  @rule:WSO2-ISDCR-02 @needs:admin-api
  Scenario: A TPP's access token opens no admin API
    When the client "intruder" calls the IS DCR API with its access token
    Then the response status is 401

  @rule:WSO2-KM-01 @needs:apim
  Scenario: A TPP's access token opens no API Manager admin API
    When the client "intruder" calls the API Manager admin API with its access token
    Then the response status is 401
