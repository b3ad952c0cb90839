@surface:errors
Feature: An oversized body's refusal reaches the client
  A server that refuses a body as too large before reading it, and closes the connection at once,
  makes the TCP stack of a client still sending reset the connection, and the refusal is lost
  unread (RFC 9112 §9.6). The server should read and drop the rest of the body (within bounds)
  before it closes: "lingering close".

  # The client writes its 4 MiB body whole before it reads; a server that accepts such a body
  # answers it all the same (the form is no token request): any answer read passes.
  @rule:ERR-09 @optional
  Scenario: A client that reads only once its 4 MiB body is sent still reads the answer
    When the client sends a 4 MiB body to the token_endpoint and reads the answer only once the body is sent
    Then the response status is a 4xx

  # Without a Content-Length the server counts what arrives (RFC 9112 §7.1), then reads on the same way.
  @rule:ERR-09 @optional
  Scenario: A client that reads only once its 4 MiB body is sent in chunks still reads the answer
    When the client sends a 4 MiB body in chunks to the token_endpoint and reads the answer only once the body is sent
    Then the response status is a 4xx
