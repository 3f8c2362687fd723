@NullMarked
package org.convene.support.migration;

import org.jspecify.annotations.NullMarked;
