@NullMarked
package com.s4bsv.s4.server.cluster;

import org.jspecify.annotations.NullMarked;
