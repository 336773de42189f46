@NullMarked
package com.s4bsv.s4.server.testing;

import org.jspecify.annotations.NullMarked;
