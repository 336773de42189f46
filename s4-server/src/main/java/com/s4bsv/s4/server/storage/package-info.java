@NullMarked
package com.s4bsv.s4.server.storage;

import org.jspecify.annotations.NullMarked;
