@NullMarked
package com.s4bsv.s4.shell.client;

import org.jspecify.annotations.NullMarked;
