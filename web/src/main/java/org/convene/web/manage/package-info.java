@NullMarked
package org.convene.web.manage;

import org.jspecify.annotations.NullMarked;
