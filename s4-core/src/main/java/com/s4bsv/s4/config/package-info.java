@NullMarked
package com.s4bsv.s4.config;

import org.jspecify.annotations.NullMarked;
