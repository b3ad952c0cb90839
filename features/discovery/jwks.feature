@surface:jwks
Feature: The JWK Set of the authorization server
  The gateway validates JWT access tokens with the keys published at the jwks_uri (seed 004,
  "Self Validate JWT"), so that set must be well-formed and public.

  Background:
    When the client fetches the discovery document
    And the client fetches the JWKS from the jwks_uri

  @rule:DISC-10
  Scenario: The jwks_uri returns a JWK Set as JSON
    Then the response status is 200
    And the response Content-Type is one of "application/json, application/jwk-set+json"
    And the body is a JWK Set with at least one key

  @rule:DISC-11
  Scenario Outline: No private key member "<member>" is published
    Then no key in the JWKS has the private member "<member>"

    Examples:
      | member |
      | d      |
      | p      |
      | q      |
      | dp     |
      | dq     |
      | qi     |
      | oth    |
      | k      |

  @rule:DISC-12
  Scenario: Keys have distinct kids and the set is served over TLS
    Then every key in the JWKS has a distinct kid
    And the jwks_uri is an https URL

  @rule:DISC-13 @optional
  Scenario: Signing keys are marked for signatures
    Then every signing key in the JWKS carries use "sig" and an alg

  @rule:DISC-13
  Scenario: The harness never verifies a signature with a key marked for encryption
    When a JWT is verified against a JWKS whose only matching key is marked use "enc"
    Then the harness verifier rejected the JWT

  @rule:DISC-14
  Scenario: An unknown kid makes the harness re-fetch the JWKS once, then reject
    Given the harness verifier has cached the target's JWKS
    When a JWT signed by a key whose kid is not in the JWKS is verified
    Then the harness verifier fetched the JWKS once more and rejected the JWT
