@NullMarked
package org.convene.identity.demo;

import org.jspecify.annotations.NullMarked;
