@NullMarked
package com.s4bsv.s4.server;

import org.jspecify.annotations.NullMarked;
