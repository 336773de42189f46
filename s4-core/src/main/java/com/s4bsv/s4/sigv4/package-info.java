/**
 * AWS Signature Version 4 as S3 uses it: canonical request, string to sign, signing key, chunk and trailer
 * signatures. Shared by the node (which verifies what it receives and signs what it sends to other nodes) and the
 * client (which signs). Plain Java on javax.crypto.
 */
@NullMarked
package com.s4bsv.s4.sigv4;

import org.jspecify.annotations.NullMarked;
