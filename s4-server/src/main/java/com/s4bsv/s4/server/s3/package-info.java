@NullMarked
package com.s4bsv.s4.server.s3;

import org.jspecify.annotations.NullMarked;
