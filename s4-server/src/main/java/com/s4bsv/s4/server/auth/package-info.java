/**
 * Who may do what: access keys with roles from a keys file, AWS SigV4 verification of every S3 and compute request
 * (header, presigned URL, payload hash, signed chunks and trailers), and the signing of node-to-node calls.
 *
 * <p>Signatures are computed with javax.crypto and {@code com.s4bsv.s4.sigv4}, not the AWS SDK signer: the SDK signs
 * requests it builds and has no verifier, so it cannot reproduce the canonical form of a request as received
 * (already-encoded path, query as sent, chunk signatures of a body being streamed) without copying the request
 * into its model; and it would add some megabytes and their class loading to every node's start. The SDK's signer
 * is the oracle of the tests instead, with botocore, the aws cli and curl.
 */
@NullMarked
package com.s4bsv.s4.server.auth;

import org.jspecify.annotations.NullMarked;
