@NullMarked
package org.convene.support.web;

import org.jspecify.annotations.NullMarked;
